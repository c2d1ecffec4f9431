// validate.mjs: validate Open Badges 3.0 documents against the official
// JSON schemas (data/schemas/, draft 2019-09) with ajv.
//
// Usage: node tests/schema/validate.mjs [--schema NAME] FILE...
// NAME is a file in data/schemas/ without .json (default:
// achievementcredential). Prints "ok FILE" or the errors; exit status 0
// when every file validates, 1 otherwise, 2 on a usage or read error.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import Ajv2019 from "ajv/dist/2019.js";
import addFormats from "ajv-formats";

const here = dirname(fileURLToPath(import.meta.url));
const schemaDir = join(here, "..", "..", "data", "schemas");

let args = process.argv.slice(2);
let name = "achievementcredential";
if (args[0] === "--schema") {
  name = args[1];
  args = args.slice(2);
}
if (!name || args.length === 0) {
  console.error("usage: validate.mjs [--schema NAME] FILE...");
  process.exit(2);
}

let schema;
try {
  schema = JSON.parse(readFileSync(join(schemaDir, name + ".json"), "utf8"));
} catch (e) {
  console.error(`cannot read schema ${name}: ${e.message}`);
  process.exit(2);
}
const ajv = new Ajv2019({ allErrors: true, strict: false });
addFormats(ajv);
const validate = ajv.compile(schema);

let failed = false;
for (const file of args) {
  let doc;
  try {
    doc = JSON.parse(readFileSync(file, "utf8"));
  } catch (e) {
    console.error(`cannot read ${file}: ${e.message}`);
    process.exit(2);
  }
  if (validate(doc)) {
    console.log(`ok ${file}`);
  } else {
    failed = true;
    for (const err of validate.errors) {
      console.log(`${file}: ${err.instancePath || "/"} ${err.message}`);
    }
  }
}
process.exit(failed ? 1 : 0);
