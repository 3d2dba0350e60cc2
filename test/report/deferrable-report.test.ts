import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readRunFiles } from '../../src/metrics/read-run-files.js';
import { resultAsWritten } from '../../src/metrics/result-as-written.js';
import { summarizeRun } from '../../src/metrics/summarize-run.js';
import { writeRunFiles } from '../../src/metrics/write-run-files.js';
import { renderRunReport } from '../../src/report/run-report.js';
import { runVerdict } from '../../src/report/run-verdict.js';
import { simulate } from '../../src/simulation/simulate.js';
import { GOLDEN_SCENARIOS } from '../simulation/golden-scenarios.js';
import { buildRunResult } from './fixtures.js';

/** The golden deferrable-backlog run (test/simulation/golden/deferrable-backlog.txt has its arithmetic). */
function deferrableRun() {
  const scenario = GOLDEN_SCENARIOS.map((make) => make()).find((s) => s.name === 'deferrable-backlog')!;
  const inputs = buildRunResult({ hosts: 1, intervals: 6, vms: 2 }).inputs;
  return summarizeRun(simulate(scenario.workload, scenario.dc, scenario.settings), inputs);
}

const titles = (svg: string) => [...svg.matchAll(/<title>([^<]*)<\/title>/g)].map((m) => m[1]!);

describe('deferrable work in the outputs', () => {
  it('the verdict says what share was served late, its p95 delay and what is pending', () => {
    const result = deferrableRun();
    // a's 3400 MHz-s served late of 9600 deferrable: 35.4%; p95 12 s = 0.2 min; nothing pending.
    expect(runVerdict(result.summary).answer).toContain('Deferrable work: 35.4% of deferrable demand served late, p95 delay 0.2 min, 0.0 MHz·h still pending at end.');
  });

  it('warns when deferrable work is still pending at the end', () => {
    const summary = structuredClone(deferrableRun().summary);
    summary.deferrable!.pendingMHzHours = 1;
    expect(runVerdict(summary).warnings).toContain(
      '1.0 MHz·h of deferrable work (37.5% of its demand) was still waiting when the run ended: it counts as unmet here, and the delays above leave out work not yet served.',
    );
  });

  it('the run report charts the backlog (values on hover) and tables where the demand went', () => {
    const html = renderRunReport(deferrableRun());
    expect(html).toContain('<h2>Deferrable work');
    const chart = html.slice(html.indexOf('data-chart="backlog"'));
    // Mean pending per 5-s interval in MHz-h: 750, 2250, 2780, 426.667 MHz-s / 3600.
    expect(titles(chart.slice(chart.indexOf('<g class="hover"'))).slice(0, 4)).toEqual([
      '0.000-0.001 hours: Pending 0.208',
      '0.001-0.003 hours: Pending 0.625',
      '0.003-0.004 hours: Pending 0.772',
      '0.004-0.006 hours: Pending 0.119',
    ]);
    expect(html).toMatch(/data-deferrable="served-late"[^>]*>Served late<\/td><td[^>]*>1<\/td><td[^>]*>35\.4%<\/td>/);
    expect(html).toContain('Delay p95');
    expect(renderRunReport(buildRunResult({ hosts: 2, intervals: 4, vms: 3 }))).not.toContain('Deferrable work');
  });

  it('backlog.csv and the summary block survive the files, as the report re-renders them', () => {
    const result = deferrableRun();
    const dir = mkdtempSync(join(tmpdir(), 'rackplan-deferrable-out-'));
    writeRunFiles(result, dir);
    expect(readFileSync(join(dir, 'backlog.csv'), 'utf8').split('\n').slice(0, 3)).toEqual(['time_s,pending_mhz_s', '0,750.000', '5,2250.000']);
    const back = readRunFiles(dir);
    expect(back.summary.deferrable).toEqual(JSON.parse(JSON.stringify(result.summary.deferrable)));
    expect(back.backlog).toEqual(resultAsWritten(result).backlog);
    expect(renderRunReport(back)).toBe(renderRunReport(resultAsWritten(result)));
  });
});
