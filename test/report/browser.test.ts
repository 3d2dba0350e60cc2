import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMPARE_FIGURES, renderCompareReport } from '../../src/report/compare-report.js';
import { heatmapGrouping } from '../../src/report/heatmap-chart.js';
import { RUN_HEADLINE_METRICS, summaryValue } from '../../src/report/headline-metrics.js';
import { renderRunReport } from '../../src/report/run-report.js';
import { buildCompareResult, buildRunResult, SCRIPT_VM_ID, TRICKY_HOST_ID } from './fixtures.js';

/**
 * Loads both reports from files in a real Chromium (Debian's package, never a downloaded build)
 * and checks what a reader would see: no console errors, no request but the file itself, mark
 * counts per chart, headline texts, hostile ids shown as text.
 */
const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`skipping browser tests: ${CHROMIUM} not found (apt-get install -y chromium)`);

interface Loaded {
  page: Page;
  url: string;
  requests: string[];
  errors: string[];
}

describe.skipIf(!hasChromium)('reports in a real browser', () => {
  let browser: Browser;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'rackplan-report-'));
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });

  afterAll(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function load(name: string, html: string): Promise<Loaded> {
    const file = join(dir, name);
    writeFileSync(file, html);
    const url = pathToFileURL(file).href;
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const requests: string[] = [];
    const errors: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(url, { waitUntil: 'load' });
    return { page, url, requests, errors };
  }

  async function markCounts(page: Page): Promise<Record<string, number>> {
    return page.$$eval('svg[data-chart]', (svgs) =>
      Object.fromEntries(svgs.map((svg) => [svg.getAttribute('data-chart')!, svg.querySelectorAll('.mark').length])),
    );
  }

  it('run report: no errors, no requests, marks, headline figures, escaped ids', async () => {
    const result = buildRunResult({ hosts: 300, intervals: 2000, vms: 3000, migrations: true, hostileNames: true, costUsd: 987_654, failures: true });
    result.vms[0]!.unmetMHzHours = 1e9; // puts the hostile VM id into the top-unmet table
    const { page, url, requests, errors } = await load('run.html', renderRunReport(result));

    expect(errors).toEqual([]);
    expect(requests).toEqual([url]);
    expect(await page.locator('script').count()).toBe(0);

    const g = heatmapGrouping(300, result.heatmap.buckets);
    expect(await markCounts(page)).toEqual({
      cpu: 3,
      heatmap: 1, // one data: PNG image of g.rows x buckets cells
      'host-utilization-cdf': 1,
      'vm-unmet-cdf': 1,
      power: 1,
      energy: 1,
      'active-hosts': 2,
      migrations: 1,
      // fixtureOutages: 4 maintenance + 23 host failures + 20 rack outages on 45 hosts (<= 48 rows,
      // one per host), no two of one cause on one host: one bar each.
      'failure-timeline': 47,
      'hosts-down': 2,
    });
    expect(result.outages).toHaveLength(47);

    const texts = await page.$$eval('[data-metric]', (els) => els.map((el) => [el.getAttribute('data-metric')!, el.textContent!]));
    const expected = RUN_HEADLINE_METRICS.map((m) => [m.key, m.format(summaryValue(result.summary, m.key)!)]);
    expect(texts).toEqual(expected);
    expect(Object.fromEntries(texts)['costUsd']).toBe('$987,654');

    // Hostile names are text, not markup.
    expect(await page.locator('td', { hasText: SCRIPT_VM_ID }).count()).toBe(1);
    expect(await page.getByText(TRICKY_HOST_ID, { exact: true }).count()).toBeGreaterThan(0);

    // The heatmap is one PNG image covering the plot; the browser decodes it to g.rows x buckets pixels.
    const image = page.locator('svg[data-chart="heatmap"] image.hm-img');
    const box = await image.boundingBox();
    expect(box!.width).toBeGreaterThan(500);
    expect(box!.height).toBeGreaterThan(g.rows);
    const size = await image.evaluate(async (el) => {
      const img = new (globalThis as unknown as { Image: new () => { src: string; decode(): Promise<void>; naturalWidth: number; naturalHeight: number } }).Image();
      img.src = el.getAttribute('href')!;
      await img.decode();
      return [img.naturalWidth, img.naturalHeight];
    });
    expect(size).toEqual([result.heatmap.buckets, g.rows]);
    // Hover values: the row band under the image's first row names its host.
    const band = page.locator('svg[data-chart="heatmap"] .hm-rows rect').first();
    expect(await band.locator('title').textContent()).toMatch(/^hosts? .*: mean \d+\.\d%, peak \d+\.\d%/);
    // Outage bars cover area on screen; the hostile host (in maintenance) labels a timeline row as text.
    const bar = await page.locator('svg[data-chart="failure-timeline"] .mark').first().boundingBox();
    expect(bar!.width).toBeGreaterThan(1);
    expect(bar!.height).toBeGreaterThan(4);
    expect(await page.locator('svg[data-chart="failure-timeline"] text', { hasText: TRICKY_HOST_ID }).count()).toBe(1);
    expect(await page.locator('svg[data-chart="failure-timeline"] .legend text').allTextContents()).toEqual(['Host failure', 'Rack outage', 'Maintenance']);
    expect(await page.locator('table.top-downtime tbody tr').count()).toBe(15);
    // Nothing overflows the page sideways.
    expect(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
    await page.close();
  });

  it('run report without failures: says so, draws no failure charts', async () => {
    const { page, errors } = await load('quiet.html', renderRunReport(buildRunResult({ hosts: 8, intervals: 288, vms: 40 })));
    expect(errors).toEqual([]);
    expect(await page.getByText('No failures or maintenance in this run.', { exact: true }).isVisible()).toBe(true);
    expect(await page.locator('svg[data-chart="failure-timeline"], svg[data-chart="hosts-down"], table.top-downtime').count()).toBe(0);
    await page.close();
  });

  it('compare report: no errors, no requests, marks, figures, escaped labels', async () => {
    const compare = buildCompareResult({ intervals: 2016, costs: true, hostileLabel: true, policies: true });
    const { page, url, requests, errors } = await load('compare.html', renderCompareReport(compare));

    expect(errors).toEqual([]);
    expect(requests).toEqual([url]);
    expect(await page.locator('script, img').count()).toBe(0);

    const n = compare.scenarios.length;
    // physical's always-on servers are not drawn over time; migrations and SLAV come with the policy axis
    // With 7 pool lines (more than 6) hosts-on-over-time becomes small multiples, one chart per
    // scenario with its policy variants: virtual + 2 policies, virtual-minimal, elastic + 1, containers.
    const expected: Record<string, number> = { servers: 2 * n, energy: n, unmet: n, cost: n, migrations: n, slav: n };
    Object.assign(expected, { 'active-hosts-virtual': 3, 'active-hosts-virtual-minimal': 1, 'active-hosts-elastic': 2, 'active-hosts-containers': 1 });
    expect(n - 1).toBe(7);
    for (const s of compare.scenarios) expected[`utilization-${s.id}`] = 1;
    expect(await markCounts(page)).toEqual(expected);

    for (const s of compare.scenarios) {
      for (const f of COMPARE_FIGURES) {
        const cell = page.locator(`td[data-scenario="${s.id}"][data-metric="${f.key}"]`);
        expect(await cell.textContent()).toBe(f.format(s[f.key] as number));
      }
    }
    const label = compare.scenarios[1]!.label;
    // As text, once each in the figures, ranked (a policy axis) and unmet-causes tables.
    expect(await page.locator('td', { hasText: label }).count()).toBe(3);
    expect(await page.locator('li[data-savings]').count()).toBe(n - 1);
    expect(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
    await page.close();
  });

  it('compare report: the figures table fits its card, with and without a policy axis', async () => {
    for (const policies of [false, true]) {
      const { page } = await load(`fit-${policies}.html`, renderCompareReport(buildCompareResult({ intervals: 288, costs: true, policies })));
      const [scroll, client] = await page.$eval('table.figures', (table) => [table.parentElement!.scrollWidth, table.parentElement!.clientWidth]);
      expect(scroll, `policies: ${policies}`).toBeLessThanOrEqual(client!);
      // every figure column is on screen, the last (Cost) included
      const cost = await page.locator('table.figures th').last().boundingBox();
      const card = await page.locator('table.figures').locator('xpath=ancestor::section[1]').boundingBox();
      expect(cost!.x + cost!.width).toBeLessThanOrEqual(card!.x + card!.width);
      await page.close();
    }
  });
});
