#!/usr/bin/env node
// Usage: node scripts/screenshot-report.mjs <report.html> <out.png> [width]
// Full-page PNG of a report with playwright-core and the system Chromium (/usr/bin/chromium,
// from Debian's `chromium` package; no browser is ever downloaded). Network is blocked: a
// report must render from the file alone.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const CHROMIUM = '/usr/bin/chromium';
const [input, output, widthArg] = process.argv.slice(2);
if (!input || !output) {
  console.error('usage: node scripts/screenshot-report.mjs <report.html> <out.png> [width]');
  process.exit(2);
}
if (!existsSync(CHROMIUM)) {
  console.error(`${CHROMIUM} not found: install it with apt-get install -y chromium`);
  process.exit(2);
}
if (!existsSync(input)) {
  console.error(`${input}: no such file`);
  process.exit(2);
}

const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const width = Number(widthArg ?? 1200);
  const page = await browser.newPage({ viewport: { width, height: 900 }, deviceScaleFactor: 1 });
  const url = pathToFileURL(resolve(input)).href;
  await page.route('**/*', (route) => (route.request().url() === url ? route.continue() : route.abort()));
  await page.goto(url, { waitUntil: 'load' });
  await page.screenshot({ path: output, fullPage: true });
  console.log(`wrote ${output}`);
} finally {
  await browser.close();
}
