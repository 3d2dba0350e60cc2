import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { RandomStream } from '../../src/engine/random.js';
import { readRunFiles } from '../../src/metrics/read-run-files.js';
import type { RunResult } from '../../src/metrics/run-result.js';
import { RUN_FILES } from '../../src/metrics/run-files.js';
import { writeRunFiles } from '../../src/metrics/write-run-files.js';
import { ConsolidationPlanner } from '../../src/migration/consolidation-planner.js';
import { overloadDetector } from '../../src/migration/detector-registry.js';
import { vmSelector } from '../../src/migration/selector-registry.js';
import { IO_METRICS } from '../../src/report/io-section.js';
import { summaryValue } from '../../src/report/headline-metrics.js';
import { renderRunReport } from '../../src/report/run-report.js';
import { tinyDatacenter } from '../helpers/tiny-world.js';
import { placementPolicy } from '../../src/placement/registry.js';
import { sharingRules } from '../../src/simulation/sharing-rules.js';
import { simulate } from '../../src/simulation/simulate.js';
import { accounted, ioHostModel, ioWorkload } from './helpers/io-world.js';

const HOSTILE = '<img src=x onerror=alert(1)>"&';

/** The migration world of migration.test.ts (one live migration), with disk traffic too. */
function ioRun(): RunResult {
  const workload = ioWorkload([
    { id: 'a', cpuCapacityMhz: 1000, memoryMiB: 2048, samples: [[0, 400, 50_000, 50_000, 100_000, 0], [600, 400, 150_000, 0, 20_000, 0]], endSeconds: 900 },
    { id: 'b', cpuCapacityMhz: 1000, memoryMiB: 1024, samples: [[0, 300, 0, 0, 0, 0]], endSeconds: 900 },
  ]);
  const dc = tinyDatacenter(ioHostModel('h', 1, 1000, 4096, 120, 1), 2);
  const planner = new ConsolidationPlanner(overloadDetector('thr'), vmSelector('mmt'), { detectorSafety: 0.6, fallbackThreshold: 0.7, underload: false }, new RandomStream(1).fork('vm-selection'));
  const record = simulate(workload, dc, {
    rules: sharingRules(workload, 'elastic', { minFraction: 0, maxFraction: 1, burstWeight: 'size', memoryMinFraction: 1, memoryMaxFraction: 1 }),
    policy: placementPolicy('first-fit'),
    power: { switchOffIdle: true },
    consolidation: { intervalMs: 300_000, planner, historyLength: 30 },
    initialBatchMs: 300_000,
    reportIntervalMs: 300_000,
  });
  expect(record.migrationLog).toHaveLength(1);
  const { result } = accounted(workload, dc, record);
  result.inputs = { rackplanVersion: 'test', seed: 1, scenarioName: 'io', trace: { path: 't', format: 'test', vms: 2, samples: 3 }, topology: 't', placement: 'first-fit', sharing: 'fixed', model: 'rackplan model', files: [], scenario: {} };
  return result;
}

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function written(result: RunResult): string {
  const dir = mkdtempSync(join(tmpdir(), 'rackplan-io-'));
  dirs.push(dir);
  writeRunFiles(result, dir);
  return dir;
}

describe('I/O in the run files and the report', () => {
  it('writes io-hosts.csv, io-vms.csv and io-timeseries.csv and reads them back', () => {
    const result = ioRun();
    const dir = written(result);
    const back = readRunFiles(dir);
    expect(back.summary.disk).toEqual(JSON.parse(JSON.stringify(result.summary.disk)));
    expect(back.io!.hosts.map((h) => h.bottleneck)).toEqual(result.io!.hosts.map((h) => h.bottleneck));
    back.io!.hosts.forEach((h, i) => expect(h.diskServedMBpsHours).toBeCloseTo(result.io!.hosts[i]!.diskServedMBpsHours, 6));
    back.io!.vms.forEach((v, i) => expect(v.networkUnmetGbpsHours).toBeCloseTo(result.io!.vms[i]!.networkUnmetGbpsHours, 6));
    expect(Array.from(back.io!.timeseries.migrationGbps)).toEqual(Array.from(result.io!.timeseries.migrationGbps).map((v) => expect.closeTo(v, 6)));
    expect(readFileSync(join(dir, RUN_FILES.ioHosts), 'utf8').split('\n')[0]).toMatch(/^host_id,disk_capacity_mbps,.*,bottleneck$/);
    // The same files render the same page.
    expect(renderRunReport(readRunFiles(dir))).toBe(renderRunReport(back));
  });

  it('reads an unrated capacity back as NaN (an empty cell)', () => {
    const result = ioRun();
    result.io!.hosts[1]!.diskCapacityMBps = Number.NaN;
    const back = readRunFiles(written(result));
    expect(Number.isNaN(back.io!.hosts[1]!.diskCapacityMBps)).toBe(true);
    expect(back.io!.hosts[0]!.diskCapacityMBps).toBe(120);
  });

  it('leaves the section out for a run folder without I/O files', () => {
    const result = ioRun();
    const dir = written(result);
    for (const name of [RUN_FILES.ioHosts, RUN_FILES.ioVms, RUN_FILES.ioTimeseries]) rmSync(join(dir, name));
    const summary = JSON.parse(readFileSync(join(dir, RUN_FILES.summary), 'utf8'));
    delete summary.disk;
    delete summary.network;
    writeFileSync(join(dir, RUN_FILES.summary), JSON.stringify(summary));
    const html = renderRunReport(readRunFiles(dir));
    expect(html).not.toContain('data-chart="disk"');
    expect(html).not.toContain('Disk and network');
  });

  it('shows disk, network, utilization by resource and bottlenecks, escaped', () => {
    const result = ioRun();
    result.io!.hosts[0]!.hostId = HOSTILE;
    const html = renderRunReport(result);
    for (const name of ['disk', 'network', 'resource-utilization', 'bottlenecks']) expect(html).toContain(`data-chart="${name}"`);
    expect(html).not.toContain(HOSTILE);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;&quot;&amp;');
    expect(html).toMatch(/data-bottleneck="(cpu|disk|network)"/);
  });
});

const CHROMIUM = '/usr/bin/chromium';
if (!existsSync(CHROMIUM)) console.log(`io report: browser check skipped - ${CHROMIUM} not found`);

describe.skipIf(!existsSync(CHROMIUM))('the I/O section in a real browser', () => {
  it('has no errors or requests, the expected marks per chart, tiles and escaped names', async () => {
    const result = ioRun();
    result.io!.hosts[0]!.hostId = HOSTILE;
    const dir = mkdtempSync(join(tmpdir(), 'rackplan-io-report-'));
    dirs.push(dir);
    const file = join(dir, 'run.html');
    writeFileSync(file, renderRunReport(result));
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
    try {
      const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
      const errors: string[] = [];
      const requests: string[] = [];
      page.on('request', (r) => requests.push(r.url()));
      page.on('console', (m) => (m.type() === 'error' || m.type() === 'warning' ? errors.push(m.text()) : undefined));
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
      expect(errors).toEqual([]);
      expect(requests).toEqual([pathToFileURL(file).href]);
      const marks = await page.$$eval('svg[data-chart]', (svgs) => Object.fromEntries(svgs.map((s) => [s.getAttribute('data-chart')!, s.querySelectorAll('.mark').length])));
      // disk: served, demand, bandwidth; network: the same plus migration copies; 3 resources x
      // (mean, p95, peak); one bar per bottleneck category (cpu, disk, network, none).
      expect(marks).toMatchObject({ disk: 3, network: 4, 'resource-utilization': 9, bottlenecks: 4 });
      const tiles = await page.$$eval('.metrics.io [data-metric]', (els) => els.map((el) => [el.getAttribute('data-metric')!, el.textContent!]));
      expect(tiles).toEqual(IO_METRICS.map((m) => [m.key, m.format(summaryValue(result.summary, m.key)!)]));
      expect(await page.getByText(HOSTILE, { exact: true }).count()).toBe(1);
      expect(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
    } finally {
      await browser.close();
    }
  });
});
