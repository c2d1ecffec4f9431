/*
 * cli.h: subcommands of the laurel command that live in their own files
 * (main.c dispatches to them).
 */
#ifndef LAUREL_CLI_H
#define LAUREL_CLI_H

/*
 * cli_award runs `laurel award list [options]`: argv as main's. Prints one
 * award a line, tab-separated: award id, badge id, the recipient's current
 * primary email address, status. Returns the exit status (2 for bad
 * usage, 1 for a failure).
 */
int cli_award(int argc, char **argv);

/*
 * cli_bake runs `laurel bake IN OUT --assertion FILE|URL` and `laurel
 * unbake FILE` (argv[1] says which; src/cli/bake.c). Returns the exit
 * status (2 for bad usage, 1 for a failure).
 */
int cli_bake(int argc, char **argv);

/*
 * cli_verify runs `laurel verify FILE|URL|- [options]` (src/cli/verify.c):
 * checks a badge and prints each check. Returns 0 only when the badge is
 * valid, 1 when it is not, 2 for bad usage.
 */
int cli_verify(int argc, char **argv);

#endif
