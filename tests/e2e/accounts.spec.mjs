// Accounts, organisations, issuer staff and platform administration in a real browser:
// signing in and out (with the keyboard too), registering and confirming an address through
// the development outbox, the account page, an organisation's members and invitations, the
// admin pages and an issuer's staff page. Every page visited is checked with axe (WCAG 2.2
// A/AA) and every test ends with clean() (no console errors, no CSP violations, no failed
// requests, no unexpected 4xx/5xx).
//
// Needs a server with the demo data (laurel seed-demo, see src/domain/seed.c) and no SMTP
// server configured (email is then held in /admin/outbox). Tests that add data use new,
// random addresses, so the file can run again against the same database.

import { DEMO_PASSWORD, tag, reEscape, pathOf, goto, submit, h1, formButton, signIn, section, notice } from './lib.mjs';

const LEARNER = { email: 'learner@demo.laurel.test', name: 'Ailsa Reid' };
const MANAGER = { name: 'Morag Campbell' };
const ORG_ADMIN = { email: 'orgadmin@demo.laurel.test', name: 'Callum Fraser' };
const ASSESSOR = { email: 'assessor@demo.laurel.test', name: 'Priya Shah' };
const ISSUER_ADMIN = { email: 'issueradmin@demo.laurel.test', name: 'Ewan Murray' };
const PLATFORM_ADMIN = { email: 'platformadmin@demo.laurel.test', name: 'Fiona Stewart' };
const ORG_NAME = 'Riverside Care (demo)';
const ISSUER_NAME = 'Social Services Badge Scheme (demo)';

// The rows of the table in section `heading`: arrays of cell texts (null: no such section).
async function sectionRows(page, heading) {
  const s = section(page, heading);
  if ((await s.count()) === 0) return null;
  return s
    .first()
    .locator('table tbody tr')
    .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.innerText.trim())));
}

// checkErrors(page, expect, ids): the error summary exists (role="alert"), links to each
// field id, and following a link with the keyboard focuses that field; each field has a
// visible message (#ID-error) that its aria-describedby names, and is marked as in error.
async function checkErrors(page, expect, ids) {
  const summary = page.locator('main .ds_error-summary');
  expect((await summary.count()) === 1, `${page.url()}: no error summary (.ds_error-summary)`);
  expect(await summary.isVisible(), 'the error summary is not visible');
  expect((await summary.getAttribute('role')) === 'alert', 'the error summary should have role="alert"');
  const hrefs = await summary.locator('a[href]').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  for (const id of ids) {
    expect(
      hrefs.includes(`#${id}`),
      `${page.url()}: the error summary should link to the field #${id}; its links: ${JSON.stringify(hrefs)}`
    );
    const link = summary.locator(`a[href="#${id}"]`).first();
    await link.focus();
    await page.keyboard.press('Enter');
    const focused = await page.evaluate(() => (document.activeElement ? document.activeElement.id : null));
    expect(
      focused === id,
      `Enter on the error summary link to #${id} should focus that field; focus is on "${focused}"`
    );
  }
  for (const id of ids) {
    const msg = page.locator(`#${id}-error`);
    expect((await msg.count()) === 1, `${page.url()}: the field #${id} has no error message (#${id}-error)`);
    expect(await msg.isVisible(), `the error message #${id}-error is not visible`);
    expect((await msg.innerText()).trim().length > 0, `the error message #${id}-error is empty`);
    const field = page.locator(`#${id}`);
    const described = ((await field.getAttribute('aria-describedby')) || '').split(/\s+/);
    expect(
      described.includes(`${id}-error`),
      `#${id} aria-describedby should name ${id}-error, is "${described.join(' ')}"`
    );
    const inError = await field.evaluate((el) => !!el.closest('.ds_question--error'));
    expect(inError, `#${id} should be inside a .ds_question--error`);
  }
}

// outboxLink(page, to, subject, path): on /admin/outbox, the first link to `path` (with a
// token) in the newest email to `to` with `subject`.
async function outboxLink(page, to, subject, path, expect) {
  const s = section(page, `${subject} — to ${to}`);
  expect((await s.count()) >= 1, `/admin/outbox shows no "${subject}" email to ${to}`);
  const body = await s.first().innerText();
  const m = body.match(new RegExp(`https?://\\S+${reEscape(path)}\\?token=[A-Za-z0-9_-]+`));
  expect(m, `the "${subject}" email to ${to} has no ${path} link: ${JSON.stringify(body)}`);
  return m[0];
}

// The href of the link named `name` in the "Organisations and roles" table of /account.
async function roleLink(page, name, expect) {
  const link = section(page, 'Organisations and roles').getByRole('link', { name, exact: true });
  expect((await link.count()) === 1, `/account "Organisations and roles" has no link "${name}"`);
  return link;
}

export const tests = [
  {
    name: 'sign in: an empty form shows an error summary linked to each field',
    fn: async ({ page, base, axe, expect, clean }) => {
      const resp = await goto(page, '/signin', expect);
      expect(resp.status() === 200, `/signin answered ${resp.status()}`);
      expect((await h1(page, expect)) === 'Sign in', 'the sign in page h1 should be "Sign in"');
      expect(!/^Error:/.test(await page.title()), 'the title says "Error:" before anything was sent');
      await axe(page);

      const r = await submit(page, formButton(page, '/signin'), expect);
      expect(r.status() >= 400 && r.status() < 500, `an empty sign in answered ${r.status()}, expected 4xx`);
      expect(new URL(page.url()).pathname === '/signin', `an empty sign in went to ${page.url()}`);
      const title = await page.title();
      expect(/^Error: /.test(title), `the page title should start with "Error:", is "${title}"`);
      expect((await h1(page, expect)) === 'Sign in', 'the h1 after an error should still be "Sign in"');
      await checkErrors(page, expect, ['f-email']);
      await axe(page);
      clean({ allowStatus: [`${base}/signin`] });

      // Both fields were empty, so both need a message: the error summary lists every
      // error on the page (Design System error summary; WCAG 3.3.1). Checked last so the
      // checks above still run.
      await checkErrors(page, expect, ['f-email', 'f-password']);
    },
  },
  {
    name: 'sign in: wrong password, then the learner signs in and signs out with the keyboard',
    fn: async ({ page, base, axe, expect, clean }) => {
      await goto(page, '/signin', expect);
      await page.fill('#f-email', LEARNER.email);
      await page.fill('#f-password', 'not-the-password-at-all');
      let r = await submit(page, formButton(page, '/signin'), expect);
      expect(r.status() >= 400 && r.status() < 500, `a wrong password answered ${r.status()}, expected 4xx`);
      expect(/^Error: /.test(await page.title()), `after a wrong password the title should start with "Error:"`);
      const summary = page.locator('main .ds_error-summary');
      expect((await summary.count()) === 1, 'a wrong password shows no error summary');
      const said = await summary.innerText();
      expect(/not right/i.test(said), `the error summary should say the email or password is not right: "${said}"`);
      expect((await page.inputValue('#f-email')) === LEARNER.email, 'the email address typed was not kept');
      expect((await page.inputValue('#f-password')) === '', 'the password typed must not come back');
      expect(!(await page.content()).includes('not-the-password-at-all'), 'the password typed is in the HTML');
      await axe(page);
      clean({ allowStatus: [`${base}/signin`] });

      // The right password (the email address is still in its field).
      await page.fill('#f-password', DEMO_PASSWORD);
      r = await submit(page, formButton(page, '/signin'), expect);
      expect(r.status() === 200, `signing in answered ${r.status()}`);
      expect(pathOf(page) === '/account', `signing in landed on ${pathOf(page)}, expected /account`);
      expect((await h1(page, expect)) === 'Your account', 'the account page h1 should be "Your account"');
      const main = await page.locator('main').innerText();
      expect(main.includes(LEARNER.name), `the account page should show the name ${LEARNER.name}`);
      const header = page.locator('header.ds_site-header');
      const signOut = header.getByRole('button', { name: 'Sign out', exact: true });
      expect((await signOut.count()) === 1, 'the header should have a "Sign out" button');
      expect((await header.innerText()).includes(LEARNER.name), 'the header should show who is signed in');
      const nav = page.locator('nav[aria-label="Main navigation"]');
      const accountLink = nav.getByRole('link', { name: 'Your account', exact: true });
      expect((await accountLink.count()) === 1, 'the navigation should have "Your account"');
      expect(
        (await accountLink.getAttribute('aria-current')) === 'page',
        '"Your account" in the navigation should be aria-current="page" on /account'
      );
      expect((await nav.getByRole('link', { name: 'Sign in' }).count()) === 0, 'the navigation still offers "Sign in"');
      await axe(page);

      // Sign out with the keyboard: Tab to the button, then Enter.
      let onButton = false;
      for (let i = 0; i < 15 && !onButton; i++) {
        await page.keyboard.press('Tab');
        onButton = await page.evaluate(() => {
          const a = document.activeElement;
          return !!a && a.tagName === 'BUTTON' && a.textContent.trim() === 'Sign out';
        });
      }
      expect(onButton, 'Tab never reached the "Sign out" button (15 presses)');
      expect(await page.locator(':focus').isVisible(), 'the focused "Sign out" button is not visible');
      const [out] = await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.keyboard.press('Enter')]);
      expect(out && out.status() === 200, `signing out answered ${out ? out.status() : 'nothing'}`);
      expect(new URL(page.url()).pathname === '/', `signing out went to ${page.url()}, expected /`);
      expect(
        (await header.getByRole('button', { name: 'Sign out' }).count()) === 0,
        'after signing out the header still has "Sign out"'
      );
      expect(
        (await nav.getByRole('link', { name: 'Sign in', exact: true }).count()) === 1,
        'after signing out the navigation should offer "Sign in"'
      );
      expect(
        (await nav.getByRole('link', { name: 'Your account' }).count()) === 0,
        'after signing out the navigation still has "Your account"'
      );
      await axe(page);
      // The session really ended: /account asks to sign in again.
      await goto(page, '/account', expect);
      expect(new URL(page.url()).pathname === '/signin', `after signing out /account went to ${page.url()}`);
      clean();
    },
  },
  {
    name: 'register, confirm the address from the outbox, then sign in',
    fn: async ({ page, newContext, axe, expect, clean }) => {
      const t = tag();
      const person = {
        name: `Eilidh Test ${t}`,
        email: `eilidh-${t}@example.org`,
        password: 'heather-kettle-lantern-42',
      };

      let resp = await goto(page, '/register', expect);
      expect(resp.status() === 200, `/register answered ${resp.status()}`);
      expect((await h1(page, expect)) === 'Create an account', 'the register page h1 should be "Create an account"');
      await axe(page);
      await page.fill('#f-name', person.name);
      await page.fill('#f-email', person.email);
      await page.fill('#f-password', person.password);
      resp = await submit(page, formButton(page, '/register'), expect);
      expect(resp.status() === 200, `registering answered ${resp.status()}`);
      const after = await h1(page, expect);
      expect(after === 'Check your email', `after registering the h1 is "${after}", expected "Check your email"`);
      expect(
        (await page.locator('main').innerText()).includes(person.email),
        '"Check your email" should name the address'
      );
      await axe(page);

      // The platform admin, in another browser, finds the email in the outbox.
      const admin = await (await newContext()).newPage();
      await signIn(admin, PLATFORM_ADMIN.email, expect);
      resp = await goto(admin, '/admin/outbox', expect);
      expect(resp.status() === 200, `/admin/outbox answered ${resp.status()}`);
      expect((await h1(admin, expect)) === 'Development outbox', 'the outbox h1 should be "Development outbox"');
      const rows = await sectionRows(admin, 'Latest messages');
      expect(
        rows && rows.some((row) => row[1] === person.email && row[2] === 'Confirm your email address'),
        `the outbox table should list "Confirm your email address" to ${person.email}`
      );
      const link = await outboxLink(admin, person.email, 'Confirm your email address', '/account/verify', expect);
      expect(new URL(link).origin === new URL(page.url()).origin, `the link ${link} is not on this server`);
      await axe(admin);

      // The new person follows the link: GET only shows a button; the button confirms.
      resp = await goto(page, link, expect);
      expect(resp.status() === 200, `the confirmation link answered ${resp.status()}`);
      expect((await h1(page, expect)) === 'Confirm your email address', 'the confirmation page h1');
      const confirm = formButton(page, '/account/verify');
      expect((await confirm.count()) === 1, 'the confirmation page should have one button');
      expect((await confirm.innerText()).trim() === 'Confirm my email address', 'the confirm button text');
      await axe(page);
      resp = await submit(page, confirm, expect);
      expect(resp.status() === 200, `confirming answered ${resp.status()}`);
      expect(new URL(page.url()).pathname === '/signin', `confirming went to ${page.url()}, expected /signin`);
      const confirmed = await notice(page);
      await axe(page);

      // The new account signs in and sees its name.
      await signIn(page, person.email, expect, { password: person.password });
      expect((await page.locator('main').innerText()).includes(person.name), `/account should show ${person.name}`);
      const addr = await sectionRows(page, 'Email addresses');
      expect(
        addr && addr.some((row) => row[0] === person.email && row[1] === 'Main address'),
        `/account should list ${person.email} as the main address: ${JSON.stringify(addr)}`
      );
      await axe(page);
      clean();

      // After confirming, the sign in page (/signin?done=verified) should say the address
      // is confirmed (a role="status" notice, as /account does for done=verified). Checked
      // last so the sign in above still runs.
      expect(
        confirmed && /confirmed/i.test(confirmed),
        'after confirming, /signin?done=verified shows no notice that the address is confirmed ' +
          `(role="status" notice: ${JSON.stringify(confirmed)})`
      );
    },
  },
  {
    name: 'account page: add an address (waiting for confirmation), then remove it',
    fn: async ({ page, axe, expect, clean }) => {
      await signIn(page, LEARNER.email, expect);
      await axe(page);

      // Add an address: it waits for confirmation.
      const extra = `ailsa-${tag()}@example.org`;
      await page.fill('#f-email', extra);
      let resp = await submit(page, formButton(page, '/account/emails'), expect);
      expect(resp.status() === 200, `adding an address answered ${resp.status()}`);
      expect(pathOf(page) === '/account?done=email', `adding an address went to ${pathOf(page)}`);
      const said = (await notice(page)) || '';
      expect(/sent a link/i.test(said), `adding an address should say a link was sent: "${said}"`);
      let rows = await sectionRows(page, 'Email addresses');
      const added = rows && rows.find((row) => row[0] === extra);
      expect(added, `the new address ${extra} is not listed: ${JSON.stringify(rows)}`);
      expect(
        /Waiting for confirmation/.test(added.slice(1).join(' ')),
        `the new address should be "Waiting for confirmation": ${JSON.stringify(added)}`
      );
      expect((await page.inputValue('#f-email')) === '', 'the "Add an email address" field should be empty again');
      await axe(page);
      clean();

      // Remove it.
      const remove = page.getByRole('button', { name: `Remove ${extra}`, exact: true });
      expect((await remove.count()) === 1, `no "Remove ${extra}" button`);
      resp = await submit(page, remove, expect);
      expect(
        resp.status() === 200,
        `removing the unconfirmed address ${extra} answered ${resp.status()} ("${await h1(page, expect)}"), ` +
          'expected a redirect to /account?done=removed'
      );
      expect(pathOf(page) === '/account?done=removed', `removing went to ${pathOf(page)}`);
      rows = await sectionRows(page, 'Email addresses');
      expect(rows && !rows.some((row) => row[0] === extra), `${extra} is still listed after removing it`);
      expect(
        rows.some((row) => row[0] === LEARNER.email && row[1] === 'Main address'),
        'the main address is not listed'
      );
      await axe(page);
      clean();
    },
  },
  {
    name: 'account page: an address in the wrong format is refused beside the field',
    fn: async ({ page, base, axe, expect, clean }) => {
      await signIn(page, LEARNER.email, expect);
      await page.fill('#f-email', 'not-an-address');
      const resp = await submit(page, formButton(page, '/account/emails'), expect);
      expect(resp.status() === 400, `a malformed address answered ${resp.status()}, expected 400`);
      expect(/^Error: /.test(await page.title()), `the title should start with "Error:", is "${await page.title()}"`);
      expect((await page.inputValue('#f-email')) === 'not-an-address', 'the address typed was not kept');
      await axe(page);
      clean({ allowStatus: [`${base}/account/emails`] });
      await checkErrors(page, expect, ['f-email']);
    },
  },
  {
    name: 'account page: sessions, sign out everywhere else, password errors, data download',
    fn: async ({ page, base, newContext, axe, expect, clean }) => {
      // A second browser signed in as the learner: a session to end.
      const other = await (await newContext()).newPage();
      await signIn(other, LEARNER.email, expect);
      await signIn(page, LEARNER.email, expect, { axe });
      await axe(page);
      let resp;
      let rows;

      // Sessions: this browser and the other one; sign out everywhere else.
      rows = await sectionRows(page, 'Where you are signed in');
      expect(rows && rows.length >= 2, `expected at least 2 sessions, found ${JSON.stringify(rows)}`);
      expect(
        rows.filter((row) => row[1] === 'Now (this browser)').length === 1,
        `exactly one session should be "Now (this browser)": ${JSON.stringify(rows)}`
      );
      resp = await submit(page, formButton(page, '/account/sessions/end-others'), expect);
      expect(resp.status() === 200, `"Sign out everywhere else" answered ${resp.status()}`);
      expect(pathOf(page) === '/account?done=sessions', `"Sign out everywhere else" went to ${pathOf(page)}`);
      expect(
        /signed out everywhere else/i.test((await notice(page)) || ''),
        'no notice after "Sign out everywhere else"'
      );
      rows = await sectionRows(page, 'Where you are signed in');
      expect(
        rows && rows.length === 1 && rows[0][1] === 'Now (this browser)',
        `after "Sign out everywhere else" only this browser should be left: ${JSON.stringify(rows)}`
      );
      await axe(page);
      await goto(other, '/account', expect);
      expect(new URL(other.url()).pathname === '/signin', `the other browser is still signed in: ${other.url()}`);

      // Change password: a too short new password is refused beside the field.
      const change = page.getByRole('link', { name: 'Change your password', exact: true });
      resp = await submit(page, change, expect);
      expect(resp.status() === 200, `/account/password answered ${resp.status()}`);
      expect((await h1(page, expect)) === 'Change your password', 'the change password h1');
      await axe(page);
      await page.fill('#f-current', DEMO_PASSWORD);
      await page.fill('#f-password', 'short');
      resp = await submit(page, formButton(page, '/account/password'), expect);
      expect(resp.status() === 400, `a too short password answered ${resp.status()}, expected 400`);
      expect(/^Error: /.test(await page.title()), 'the title should start with "Error:"');
      await checkErrors(page, expect, ['f-password']);
      const msg = await page.locator('#f-password-error').innerText();
      expect(/10 characters/.test(msg), `the error should say the password needs 10 characters: "${msg}"`);
      expect(
        (await page.inputValue('#f-password')) === '' && (await page.inputValue('#f-current')) === '',
        'passwords must not come back'
      );
      await axe(page);
      clean({ allowStatus: [`${base}/account/password`] });

      // Download my data: a JSON file.
      await goto(page, '/account', expect);
      const dl = page.getByRole('link', { name: 'Download my data (JSON)', exact: true });
      expect((await dl.count()) === 1, 'no "Download my data (JSON)" link');
      const [download] = await Promise.all([page.waitForEvent('download'), dl.click()]);
      expect(download.suggestedFilename().endsWith('.json'), `the download is called ${download.suggestedFilename()}`);
      const file = await download.path();
      const fs = await import('node:fs');
      const text = fs.readFileSync(file, 'utf8');
      let data;
      try {
        data = JSON.parse(text);
      } catch (err) {
        throw new Error(`the data download is not JSON: ${err.message}: ${text.slice(0, 200)}`);
      }
      expect(JSON.stringify(data).includes(LEARNER.email), 'the data download does not include the learner\'s address');
      const api = await page.request.get('/account/export');
      expect(api.status() === 200, `/account/export answered ${api.status()}`);
      expect(
        /^application\/json/.test(api.headers()['content-type'] || ''),
        `/account/export is ${api.headers()['content-type']}`
      );
      expect(pathOf(page) === '/account', `clicking the download left /account: ${pathOf(page)}`);
      await axe(page);
      // The link's navigation ends as net::ERR_ABORTED when it turns into a download.
      clean({ allowAborted: [`${base}/account/export`] });
    },
  },
  {
    name: 'organisation page: members, invite someone, cancel the invitation',
    fn: async ({ page, axe, expect, clean }) => {
      await signIn(page, ORG_ADMIN.email, expect);
      const rows = await sectionRows(page, 'Organisations and roles');
      expect(
        rows && rows.some((row) => row[0] === ORG_NAME && row[1] === 'Organisation admin'),
        `/account should show ${ORG_NAME} as Organisation admin: ${JSON.stringify(rows)}`
      );
      await axe(page);
      let resp = await submit(page, await roleLink(page, ORG_NAME, expect), expect);
      expect(resp.status() === 200, `the organisation page answered ${resp.status()}`);
      const orgPath = new URL(page.url()).pathname;
      expect(/^\/organisations\/[^/]+$/.test(orgPath), `the organisation link went to ${orgPath}`);
      expect((await h1(page, expect)) === ORG_NAME, `the organisation page h1 should be ${ORG_NAME}`);
      await axe(page);

      // Members, each with a role select showing the current role.
      const members = await sectionRows(page, 'Members');
      for (const name of [LEARNER.name, MANAGER.name, ORG_ADMIN.name]) {
        expect(
          members && members.some((row) => row[0] === name),
          `${name} is not in the members table: ${JSON.stringify(members)}`
        );
      }
      const want = { [LEARNER.name]: 'staff', [MANAGER.name]: 'manager', [ORG_ADMIN.name]: 'org_admin' };
      for (const [name, role] of Object.entries(want)) {
        const select = section(page, 'Members').getByRole('combobox', { name: `Role of ${name}`, exact: true });
        expect((await select.count()) === 1, `no role select labelled "Role of ${name}"`);
        const v = await select.inputValue();
        expect(v === role, `the role select of ${name} shows ${v}, expected ${role}`);
      }

      // Invite someone as a manager.
      const invitee = `invitee-${tag()}@example.org`;
      const invite = section(page, 'Invitations');
      expect((await invite.count()) === 1, 'no "Invitations" section');
      await invite.getByLabel('Email address to invite', { exact: true }).fill(invitee);
      await invite.getByLabel('Role', { exact: true }).selectOption('manager');
      resp = await submit(page, invite.getByRole('button', { name: 'Send invitation', exact: true }), expect);
      expect(resp.status() === 200, `inviting answered ${resp.status()}`);
      expect(new URL(page.url()).pathname === orgPath, `inviting went to ${page.url()}`);
      let inv = await sectionRows(page, 'Invitations');
      const row = inv && inv.find((r) => r[0] === invitee);
      expect(row, `${invitee} is not under Invitations: ${JSON.stringify(inv)}`);
      expect(row[1] === 'Manager', `the invitation's role is "${row[1]}", expected Manager`);
      await axe(page);

      // Cancel it.
      const cancel = page.getByRole('button', { name: `Cancel invitation to ${invitee}`, exact: true });
      expect((await cancel.count()) === 1, `no "Cancel invitation to ${invitee}" button`);
      resp = await submit(page, cancel, expect);
      expect(resp.status() === 200, `cancelling answered ${resp.status()}`);
      inv = await sectionRows(page, 'Invitations');
      expect(!inv || !inv.some((r) => r[0] === invitee), `${invitee} is still under Invitations after cancelling`);
      await axe(page);
      clean();
    },
  },
  {
    name: 'admin pages: organisations and issuers, audit log filter, outbox',
    fn: async ({ page, axe, expect, clean }) => {
      await signIn(page, PLATFORM_ADMIN.email, expect);
      const nav = page.locator('nav[aria-label="Main navigation"]');
      const adminLink = nav.getByRole('link', { name: 'Admin', exact: true });
      expect((await adminLink.count()) === 1, 'the navigation should have "Admin" for a platform admin');
      let resp = await submit(page, adminLink, expect);
      expect(resp.status() === 200, `/admin answered ${resp.status()}`);
      expect(new URL(page.url()).pathname === '/admin', `the Admin link went to ${page.url()}`);
      expect((await h1(page, expect)) === 'Platform administration', 'the /admin h1');
      const orgs = await sectionRows(page, 'Organisations');
      expect(
        orgs && orgs.some((r) => r[0] === ORG_NAME && r[2] === 'approved'),
        `/admin Organisations should list ${ORG_NAME} (approved): ${JSON.stringify(orgs)}`
      );
      const issuers = await sectionRows(page, 'Issuers');
      expect(
        issuers && issuers.some((r) => r[0] === ISSUER_NAME),
        `/admin Issuers should list ${ISSUER_NAME}: ${JSON.stringify(issuers)}`
      );
      await axe(page);

      // The audit log, filtered through its GET form.
      resp = await submit(page, page.getByRole('link', { name: 'Audit log', exact: true }), expect);
      expect(resp.status() === 200, `/admin/audit answered ${resp.status()}`);
      expect((await h1(page, expect)) === 'Audit log', 'the audit log h1');
      await axe(page);
      const form = page.locator('main form[action="/admin/audit"]');
      expect((await form.getAttribute('method')) === 'get', 'the audit filter form should use GET');
      await form.getByLabel('What happened', { exact: true }).fill('account.login');
      resp = await submit(page, form.getByRole('button', { name: 'Filter', exact: true }), expect);
      expect(resp.status() === 200, `filtering answered ${resp.status()}`);
      const u = new URL(page.url());
      expect(
        u.pathname === '/admin/audit' && u.searchParams.get('action') === 'account.login',
        `filtering went to ${page.url()}`
      );
      expect((await page.inputValue('#f-action')) === 'account.login', 'the filter field should keep "account.login"');
      const events = await page.locator('main table tbody tr').evaluateAll((trs) =>
        trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.innerText.trim()))
      );
      expect(events.length >= 1, 'filtering by account.login shows no event (this admin just signed in)');
      const what = events.map((r) => r[2]);
      expect(
        what.every((a) => a.startsWith('account.login')),
        `every event should start with account.login: ${JSON.stringify(what)}`
      );
      expect(
        events.some((r) => r[2] === 'account.login' && r[1].includes(PLATFORM_ADMIN.name)),
        `no account.login event by ${PLATFORM_ADMIN.name}`
      );
      await axe(page);

      // The outbox.
      resp = await goto(page, '/admin', expect);
      resp = await submit(page, page.getByRole('link', { name: 'Development outbox', exact: true }), expect);
      expect(resp.status() === 200, `/admin/outbox answered ${resp.status()}`);
      expect((await h1(page, expect)) === 'Development outbox', 'the outbox h1');
      expect(
        /No SMTP server is configured/.test(await page.locator('main').innerText()),
        'the outbox should say no SMTP server is configured'
      );
      expect((await section(page, 'Latest messages').count()) === 1, 'the outbox has no "Latest messages" section');
      await axe(page);
      clean();
    },
  },
  {
    name: 'issuer staff page: staff, add an assessor, remove them',
    fn: async ({ page, axe, expect, clean }) => {
      await signIn(page, ISSUER_ADMIN.email, expect);
      await axe(page);
      let resp = await submit(page, await roleLink(page, `${ISSUER_NAME} (issuer)`, expect), expect);
      expect(resp.status() === 200, `the issuer staff page answered ${resp.status()}`);
      const staffPath = new URL(page.url()).pathname;
      expect(/^\/issuers\/[^/]+\/staff$/.test(staffPath), `the issuer link went to ${staffPath}`);
      expect((await h1(page, expect)) === 'Issuer admins and assessors', 'the issuer staff h1');
      expect(
        (await page.locator('main').innerText()).includes(ISSUER_NAME),
        `the staff page should name ${ISSUER_NAME}`
      );
      let staff = await sectionRows(page, 'Staff');
      expect(
        staff && staff.some((r) => r[0] === ASSESSOR.name && r[2] === 'Assessor'),
        `${ASSESSOR.name} should be listed as Assessor: ${JSON.stringify(staff)}`
      );
      expect(
        staff.some((r) => r[0] === ISSUER_ADMIN.name && r[2] === 'Issuer admin'),
        `${ISSUER_ADMIN.name} should be listed as Issuer admin`
      );
      await axe(page);

      // Add the learner as an assessor, then remove them again.
      const add = section(page, 'Add someone');
      expect((await add.count()) === 1, 'an issuer admin should see "Add someone"');
      await add.getByLabel('Email address', { exact: true }).fill(LEARNER.email);
      await add.getByLabel('Role', { exact: true }).selectOption('assessor');
      resp = await submit(page, add.getByRole('button', { name: 'Add', exact: true }), expect);
      expect(resp.status() === 200, `adding an assessor answered ${resp.status()}`);
      staff = await sectionRows(page, 'Staff');
      expect(
        staff.some((r) => r[0] === LEARNER.name && r[2] === 'Assessor'),
        `${LEARNER.name} is not listed as Assessor after adding: ${JSON.stringify(staff)}`
      );
      await axe(page);
      const remove = page.getByRole('button', { name: `Remove ${LEARNER.name} as Assessor`, exact: true });
      expect((await remove.count()) === 1, `no "Remove ${LEARNER.name} as Assessor" button`);
      resp = await submit(page, remove, expect);
      expect(resp.status() === 200, `removing the assessor answered ${resp.status()}`);
      staff = await sectionRows(page, 'Staff');
      expect(!staff.some((r) => r[0] === LEARNER.name), `${LEARNER.name} is still listed after removing`);
      await axe(page);
      clean();
    },
  },
  {
    name: 'signed out, /account asks to sign in and then returns to /account',
    fn: async ({ page, axe, expect, clean }) => {
      const resp = await goto(page, '/account', expect);
      expect(resp.status() === 200, `/account (signed out) ended with ${resp.status()}`);
      const chain = [];
      for (let q = resp.request(); q; q = q.redirectedFrom()) chain.unshift(q.url());
      expect(chain.length === 2, `expected one redirect, got ${JSON.stringify(chain)}`);
      expect(
        pathOf(page) === '/signin?next=/account',
        `/account (signed out) went to ${pathOf(page)}, expected /signin?next=/account`
      );
      expect(
        (await page.locator('main form[action="/signin"] input[name="next"]').inputValue()) === '/account',
        'the sign in form should carry next=/account'
      );
      await signIn(page, LEARNER.email, expect, { from: pathOf(page), axe, landing: '/account' });
      expect((await h1(page, expect)) === 'Your account', 'after signing in the h1 should be "Your account"');
      await axe(page);
      clean();
    },
  },
];
