// Run axe-core on HTML pages in Debian's headless Chromium (no browser download).
// Usage: node axe.mjs FILE.html… — prints a JSON array of {page, id, impact, help, nodes}; exits 1 on any violation.
import puppeteer from 'puppeteer-core';
import { createRequire } from 'node:module';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const axeSource = require('axe-core').source;
const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
         '--disable-component-update', '--disable-sync', '--disable-quic',
         `--user-data-dir=${mkdtempSync(join(tmpdir(), 'pactc-axe-'))}`],
});
const violations = [];
try {
  for (const file of process.argv.slice(2)) {
    const page = await browser.newPage();
    await page.goto(pathToFileURL(resolve(file)).href, { waitUntil: 'load' });
    await page.evaluate(axeSource);
    const result = await page.evaluate(() => window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
    }));
    for (const v of result.violations) {
      violations.push({ page: file, id: v.id, impact: v.impact, help: v.help,
                        nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) });
    }
    await page.close();
  }
} finally {
  await browser.close();
}
console.log(JSON.stringify(violations, null, 2));
process.exit(violations.length ? 1 : 0);
