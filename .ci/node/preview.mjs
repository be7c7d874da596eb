// Save-to-reload of pactc serve, measured by a real browser: Debian's headless Chromium keeps a page of the
// preview open; the script edits the pact's source (a visible sentence), and times how long until the page
// has reloaded and shows the change. Usage: node preview.mjs URL FILE OLD NEW RUNS — prints JSON times in ms:
// « total » (save to page shown with the change) and « serveur » (save to the browser asking for the new page).
import puppeteer from 'puppeteer-core';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [url, file, old, replacement, runs] = process.argv.slice(2);
const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
         '--disable-component-update', '--disable-sync', '--disable-quic',
         `--user-data-dir=${mkdtempSync(join(tmpdir(), 'pactc-preview-'))}`],
});
const times = [];
const server = [];  // ms from the save to the browser asking for the page again: the preview's own share
try {
  const page = await browser.newPage();
  let requested = 0;
  page.on('request', (r) => { if (r.url() === url) requested = performance.now(); });
  await page.goto(url, { waitUntil: 'load' });
  for (let i = 0; i < Number(runs); i++) {
    const marker = `${replacement} ${i}`;
    const text = readFileSync(file, 'utf8');
    const before = i === 0 ? old : `${replacement} ${i - 1}`;
    if (!text.includes(before)) throw new Error(`absent du fichier : ${before}`);
    await new Promise((r) => setTimeout(r, 300));  // the page is settled and waiting
    const start = performance.now();
    writeFileSync(file, text.replace(before, marker));
    // The preview swaps the page's body in place (or reloads it when its styles changed): either way,
    // done when the page shows the change.
    await page.waitForFunction((m) => document.body.innerText.includes(m), { timeout: 20000, polling: 'mutation' },
                               marker);
    times.push(performance.now() - start);
    server.push(requested - start);
  }
} finally {
  await browser.close();
}
console.log(JSON.stringify({ total: times, serveur: server }));
