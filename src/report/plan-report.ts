import { line, scaleLinear } from 'd3';
import { carbonCandidateColumns, carbonCountColumns, facilityInputs, rackColumns } from './plan-facility.js';
import { fmt1, fmtInt, fmtPct0, fmtPct1, fmtPct2, fmtUsd, formatNumber, formatOrNa } from '../common/number-format.js';
import type { CapacityPlanResult, PlanCountRow, PlanGroup, PlanResult, PlanRunRecord, PortfolioCandidate, PortfolioResult } from '../planner/plan-result.js';
import { renderBarChart } from './bar-chart.js';
import { approxTextWidth, bottomAxis, closeChart, leftAxis, leftMargin, legend, legendTop, openChart, tickCount, type LegendItem, type PlotArea } from './chart-frame.js';
import { topologyNotesBlock } from './topology-notes.js';
import { escapeHtml } from './escape-html.js';
import { renderTable, type TableColumn } from './html-table.js';
import { px, tickFormatter } from './chart-numbers.js';
import { renderPage } from './page.js';
import { categoryColor, COLORS } from './palette.js';
import { filesTable } from './run-report-tables.js';
import { planVerdict, seedsNote, seedsText } from './plan-verdict.js';
import { renderVerdict } from './run-verdict.js';

// The page. One file on purpose (it is the plan's only report module): the capacity plan page,
// the portfolio page, and a small x-y chart for values against host counts. The data it shows,
// plan.json, is the planner's own type (planner/plan-result.ts).

/** plan.html: self-contained (no scripts, no URLs, CSP), deterministic, every string escaped. */
export function renderPlanReport(plan: PlanResult): string {
  return plan.kind === 'capacity-plan' ? renderCapacityPlan(plan) : renderPortfolio(plan);
}

function renderCapacityPlan(plan: CapacityPlanResult): string {
  const { inputs } = plan;
  const parts = [
    '<header class="top"><h1>Capacity plan</h1>',
    `<p>${escapeHtml(`${inputs.scenarioName}: ${inputs.trace.format} trace, ${fmtInt(inputs.trace.vms)} VMs; SLO ${inputs.slo}; ${seedsText(plan)}, ${fmtPct0(inputs.confidence)} confidence`)}</p></header>`,
    renderVerdict(planVerdict(plan)),
    `<h2>Recommendation</h2><section class="card"><p data-recommendation="${escapeHtml(plan.recommendation?.hostModel ?? '')}">${escapeHtml(plan.sentence)}</p>${seedsNote(plan)}</section>`,
    '<h2>SLO attainment by host count</h2>',
    `<p class="note">${escapeHtml(`Share of seeded runs that met the SLO at each host count evaluated${inputs.failures ? ', with failures' : ''}; the dashed line is the required ${fmtPct0(inputs.confidence)}.`)}</p>`,
    `<div class="grid2">${inputs.growth.map((g) => attainmentChart(plan, g)).join('')}</div>`,
    '<h2>Cost by host count</h2>',
    costChart(plan),
    `<h2>Answers</h2><section class="card">${groupsTable(plan)}${monotonicityNotes(plan)}<p class="note">${escapeHtml(plan.headroomMethod)}</p></section>`,
    `<h2>Host counts evaluated</h2><section class="card">${countsTable(plan)}</section>`,
    `<h2>Runs <small>${fmtInt(plan.runs.length)}</small></h2><section class="card">${runsTable(plan.runs)}</section>`,
    `<h2>Inputs</h2><section class="card">${definitionList(capacityInputs(plan))}${topologyNotesBlock(inputs.topologyNotes)}${filesTable(inputs.files)}</section>`,
    `<footer>rackplan ${escapeHtml(plan.rackplanVersion)} - the same plan gives the same page.</footer>`,
  ];
  return renderPage('rackplan capacity plan', parts.join('\n'));
}

function attainmentChart(plan: CapacityPlanResult, growth: number): string {
  const groups = plan.groups.filter((g) => g.growth === growth);
  const svg = renderXyChart({
    name: `attainment-growth-${growth}`,
    title: `SLO attainment at ${growth}x the workload`,
    subtitle: `Required: ${fmtPct0(plan.inputs.confidence)} of ${plan.inputs.seeds.length} seeded runs`,
    series: groups.map((g, i) => ({ label: g.hostModel, color: categoryColor(i), points: g.rows.map((r) => [r.hosts, r.passFraction] as [number, number]) })),
    xLabel: 'Hosts',
    yLabel: 'Runs meeting the SLO (%)',
    yPercent: true,
    yMax: 1,
    threshold: { value: plan.inputs.confidence, label: `required ${fmtPct0(plan.inputs.confidence)}` },
  });
  return `<figure class="card">${svg}</figure>`;
}

function costChart(plan: CapacityPlanResult): string {
  const priced = plan.groups.filter((g) => g.costPerHostUsd !== null && g.growth === Math.max(...plan.inputs.growth));
  if (priced.length === 0) return '<p class="empty">The host models give no cost (costUsd), so no cost is shown.</p>';
  const svg = renderXyChart({
    name: 'cost',
    title: 'Host cost',
    subtitle: 'Hosts x cost per host over the counts evaluated; the dot on each line is its recommended count',
    series: priced.map((g, i) => {
      const counts = g.rows.map((r) => r.hosts);
      const points = counts.map((n) => [n, n * g.costPerHostUsd!] as [number, number]);
      const marked = g.recommendedHosts === null ? [] : [[g.recommendedHosts, g.recommendedHosts * g.costPerHostUsd!] as [number, number]];
      return { label: g.hostModel, color: categoryColor(i), points, marked };
    }),
    xLabel: 'Hosts',
    yLabel: 'Cost (USD)',
    valueFormat: fmtUsd,
  });
  return `<figure class="card">${svg}</figure>`;
}

function groupsTable(plan: CapacityPlanResult): string {
  const count = (n: number | null) => (n === null ? `none up to ${fmtInt(plan.inputs.maxHosts)}` : fmtInt(n));
  const columns: TableColumn<PlanGroup>[] = [
    { header: 'Host model', text: (g) => g.hostModel, attrs: (g) => ({ 'data-model': g.hostModel, 'data-growth': String(g.growth) }) },
    { header: 'Growth', align: 'right', text: (g) => `${g.growth}x` },
    { header: 'Smallest passing', align: 'right', text: (g) => count(g.smallestPassing), hint: 'with the failures, when given' },
    { header: 'Without failures', align: 'right', text: (g) => count(g.failureFreeHosts) },
    { header: 'Recommended', align: 'right', text: (g) => count(g.recommendedHosts), attrs: (g) => ({ 'data-recommended': String(g.recommendedHosts ?? '') }) },
    { header: 'Headroom', align: 'right', text: (g) => (g.headroomHosts === null ? 'n/a' : `N+${g.headroomHosts}`) },
    { header: 'Cost', align: 'right', text: (g) => formatOrNa(g.costPerHostUsd === null || g.recommendedHosts === null ? null : g.costPerHostUsd * g.recommendedHosts, fmtUsd) },
    { header: 'Monotonic', text: (g) => (g.monotonic ? 'yes' : 'NO') },
    ...rackColumns(plan),
  ];
  return renderTable(columns, plan.groups, { className: 'groups' });
}

function monotonicityNotes(plan: CapacityPlanResult): string {
  const items = plan.groups.flatMap((g) =>
    g.violations.map(
      (v) =>
        `<li data-nonmonotonic="${escapeHtml(g.hostModel)}">${escapeHtml(
          `${g.hostModel} at ${g.growth}x: ${fmtInt(v.hosts)} hosts met the SLO in ${fmtPct0(v.passFraction)} of runs, ` +
            `fewer than ${fmtInt(v.fewerHosts)} hosts did (${fmtPct0(v.fewerPassFraction)})${v.verdictFlips ? '; the verdict flips' : ''}.`,
        )}</li>`,
    ),
  );
  if (items.length === 0) return '<p class="note">More hosts never did worse among the counts evaluated.</p>';
  return `<p class="note">Not monotonic: more hosts did worse here. The answers above are the smallest passing counts found by the search; check the counts below.</p><ul class="savings">${items.join('')}</ul>`;
}

interface CountLine extends PlanCountRow {
  hostModel: string;
  growth: number;
  failures: string;
}

function countsTable(plan: CapacityPlanResult): string {
  const withFailures = plan.inputs.failures ? 'with' : 'none';
  const lines: CountLine[] = plan.groups.flatMap((g) => [
    ...g.rows.map((r) => ({ ...r, hostModel: g.hostModel, growth: g.growth, failures: withFailures })),
    ...(g.failureFreeRows ?? []).map((r) => ({ ...r, hostModel: g.hostModel, growth: g.growth, failures: 'none' })),
  ]);
  const columns: TableColumn<CountLine>[] = [
    { header: 'Host model', text: (r) => r.hostModel },
    { header: 'Growth', align: 'right', text: (r) => `${r.growth}x` },
    { header: 'Failures', text: (r) => r.failures },
    { header: 'Hosts', align: 'right', text: (r) => fmtInt(r.hosts) },
    { header: 'Met SLO', align: 'right', text: (r) => fmtPct0(r.passFraction), attrs: (r) => ({ 'data-pass': String(r.passFraction) }) },
    { header: 'Verdict', text: (r) => (r.holds ? 'holds' : 'fails') },
    { header: 'Unmet, mean', align: 'right', text: (r) => fmtPct2(r.unmetFractionMean) },
    { header: 'Energy, mean (kWh)', align: 'right', text: (r) => fmt1(r.energyKWhMean) },
    ...carbonCountColumns(lines),
    { header: 'Cost', align: 'right', text: (r) => formatOrNa(r.costUsd, fmtUsd) },
  ];
  return renderTable(columns, lines, { className: 'counts' });
}

function runsTable(runs: PlanRunRecord[]): string {
  const metricKeys = [...new Set(runs.flatMap((r) => Object.keys(r.metrics)))].sort();
  const columns: TableColumn<PlanRunRecord>[] = [
    { header: 'Candidate', text: (r) => r.candidate, attrs: (r) => ({ 'data-run': r.key }) },
    { header: 'Topology', text: (r) => r.topology },
    { header: 'Placement', text: (r) => r.placement },
    { header: 'Growth', align: 'right', text: (r) => `${r.growth}x ${r.growthMode}` },
    { header: 'Failures', text: (r) => r.failures },
    { header: 'Seed', align: 'right', text: (r) => String(r.seed) },
    { header: 'SLO', text: (r) => (r.pass ? 'met' : 'violated') },
    ...metricKeys.map((key) => ({ header: key, align: 'right' as const, text: (r: PlanRunRecord) => formatOrNa(r.metrics[key], formatMetric) })),
  ];
  return renderTable(columns, runs, { className: 'runs', empty: 'No runs.' });
}

const formatMetric = formatNumber('.6~g');

function capacityInputs(plan: CapacityPlanResult): [string, string][] {
  const { inputs } = plan;
  const failures = inputs.failures ? [inputs.failures.model, inputs.failures.trace].filter(Boolean).join(' + ') : 'none';
  return [
    ['Scenario', inputs.scenario ?? '(flags)'],
    ['Trace', `${inputs.trace.path} (${inputs.trace.format}, ${fmtInt(inputs.trace.vms)} VMs)`],
    ['SLO', inputs.slo],
    ['Seeds', inputs.seeds.join(', ')],
    ['Confidence', fmtPct1(inputs.confidence)],
    ['Growth', `${inputs.growth.map((g) => `${g}x`).join(', ')} (${inputs.growthMode})`],
    ['Failures', failures],
    ['N+', String(inputs.nPlus)],
    ['Hypervisor', inputs.hypervisor],
    ['Placement', inputs.placement],
    ['Search limit', `${fmtInt(inputs.maxHosts)} hosts`],
    ...facilityInputs(plan),
    ['rackplan', plan.rackplanVersion],
  ];
}

function definitionList(rows: [string, string][]): string {
  return `<dl class="inputs">${rows.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`).join('')}</dl>`;
}

function renderPortfolio(plan: PortfolioResult): string {
  const { inputs, candidates } = plan;
  const categories = candidates.map((c) => c.id);
  const bars = [
    { name: 'cost', title: 'Cost', values: candidates.map((c) => c.costUsd), y: 'Cost (USD)', format: fmtUsd, color: '#7b5ea7' },
    { name: 'energy', title: 'Energy per run', values: candidates.map((c) => c.energyKWhMean), y: 'Energy (kWh)', format: fmt1, color: COLORS.energy },
    { name: 'risk', title: 'Risk', values: candidates.map((c) => c.risk), y: 'Runs violating the SLO (%)', format: fmtPct1, color: COLORS.unmet, percent: true },
  ].map((b) =>
    renderBarChart({
      name: b.name,
      title: b.title,
      subtitle: 'Candidates in rank order',
      categories,
      series: [{ label: b.title, color: b.color, values: b.values }],
      yLabel: b.y,
      valueFormat: b.format,
      ...(b.percent ? { yPercent: true } : {}),
    }),
  );
  const parts = [
    '<header class="top"><h1>Capacity portfolio</h1>',
    `<p>${escapeHtml(`${inputs.name}: ${candidates.length} candidates x ${inputs.growth.length} growth x ${inputs.failures.length} failure settings x ${inputs.seeds.length} seeds; SLO ${inputs.slo}; risk limit ${fmtPct1(inputs.maxRisk)}`)}</p></header>`,
    inputs.description ? `<p class="note">${escapeHtml(inputs.description)}</p>` : '',
    renderVerdict(planVerdict(plan)),
    `<h2>Recommendation</h2><section class="card"><p data-recommendation="${escapeHtml(plan.recommendation ?? '')}">${escapeHtml(plan.sentence)}</p></section>`,
    `<h2>Ranking</h2><section class="card">${rankingTable(candidates)}</section>`,
    `<div class="grid2">${bars.map((svg) => `<figure class="card">${svg}</figure>`).join('')}</div>`,
    `<h2>By scenario</h2><section class="card">${scenarioTable(candidates)}</section>`,
    `<h2>Runs <small>${fmtInt(plan.runs.length)}</small></h2><section class="card">${runsTable(plan.runs)}</section>`,
    `<h2>Inputs</h2><section class="card">${definitionList(portfolioInputs(plan))}${topologyNotesBlock(inputs.topologyNotes)}${filesTable(inputs.files)}</section>`,
    `<footer>rackplan ${escapeHtml(plan.rackplanVersion)} - the same portfolio gives the same page.</footer>`,
  ];
  return renderPage('rackplan capacity portfolio', parts.join('\n'));
}

function rankingTable(candidates: PortfolioCandidate[]): string {
  const columns: TableColumn<PortfolioCandidate>[] = [
    { header: 'Rank', align: 'right', text: (c) => String(c.rank) },
    { header: 'Candidate', text: (c) => c.id, attrs: (c) => ({ 'data-candidate': c.id, 'data-rank': String(c.rank) }) },
    { header: 'Topology', text: (c) => c.topology },
    { header: 'Hosts', align: 'right', text: (c) => fmtInt(c.hosts) },
    { header: 'Placement', text: (c) => c.placement },
    { header: 'Cost', align: 'right', text: (c) => formatOrNa(c.costUsd, fmtUsd) },
    { header: 'Energy/run (kWh)', align: 'right', text: (c) => fmt1(c.energyKWhMean) },
    ...carbonCandidateColumns(candidates),
    { header: 'Risk', align: 'right', text: (c) => fmtPct1(c.risk) },
    { header: 'Within limit', text: (c) => (c.acceptable ? 'yes' : 'no') },
    { header: 'Pareto', text: (c) => (c.pareto ? 'yes' : '') },
  ];
  return renderTable(columns, candidates, { className: 'ranking' });
}

function scenarioTable(candidates: PortfolioCandidate[]): string {
  type Line = PortfolioCandidate['scenarios'][number] & { id: string };
  const lines: Line[] = candidates.flatMap((c) => c.scenarios.map((s) => ({ ...s, id: c.id })));
  const columns: TableColumn<Line>[] = [
    { header: 'Candidate', text: (l) => l.id },
    { header: 'Growth', align: 'right', text: (l) => `${l.growth}x` },
    { header: 'Failures', text: (l) => l.failures },
    { header: 'Runs', align: 'right', text: (l) => fmtInt(l.runs) },
    { header: 'Risk', align: 'right', text: (l) => fmtPct1(l.risk) },
    { header: 'Unmet, mean', align: 'right', text: (l) => fmtPct2(l.unmetFractionMean) },
    { header: 'Energy/run (kWh)', align: 'right', text: (l) => fmt1(l.energyKWhMean) },
  ];
  return renderTable(columns, lines, { className: 'scenarios' });
}

function portfolioInputs(plan: PortfolioResult): [string, string][] {
  const { inputs } = plan;
  return [
    ['Portfolio', inputs.portfolio],
    ['Scenario', inputs.scenario],
    ['Trace', `${inputs.trace.path} (${inputs.trace.format}, ${fmtInt(inputs.trace.vms)} VMs)`],
    ['SLO', inputs.slo],
    ['Seeds', inputs.seeds.join(', ')],
    ['Risk limit', fmtPct1(inputs.maxRisk)],
    ['Growth', `${inputs.growth.map((g) => `${g}x`).join(', ')} (${inputs.growthMode})`],
    ['Failures', inputs.failures.map((f) => `${f.id}: ${[f.model, f.trace].filter(Boolean).join(' + ') || 'none'}`).join('; ')],
    ['Placement', inputs.placement.join(', ')],
    ['rackplan', plan.rackplanVersion],
  ];
}

interface XySeries {
  label: string;
  color: string;
  /** [x, y], drawn in x order as a line with a dot per point. */
  points: [number, number][];
  /** Points drawn larger (the recommended count). */
  marked?: [number, number][];
}

interface XyChartSpec {
  name: string;
  title: string;
  subtitle?: string;
  series: XySeries[];
  xLabel: string;
  yLabel: string;
  yPercent?: boolean;
  yMax?: number;
  /** A dashed horizontal reference line. */
  threshold?: { value: number; label: string };
  valueFormat?: (v: number) => string;
  width?: number;
  height?: number;
}

/** Values against a count: one `path.mark` and `circle.point` per point for each series. */
function renderXyChart(spec: XyChartSpec): string {
  const width = spec.width ?? (spec.yPercent ? 470 : 960);
  const height = spec.height ?? 290;
  const all = spec.series.flatMap((s) => s.points);
  const xs = all.map((p) => p[0]);
  const yTop = Math.max(spec.yMax ?? 0, spec.threshold?.value ?? 0, ...all.map((p) => p[1])) || 1;
  const y = scaleLinear().domain([0, yTop]).nice(5);
  const [y0, y1] = y.domain() as [number, number];
  const yTicks = y.ticks(5);
  const yFormat = tickFormatter(y0, y1, 5, spec.yPercent);
  const left = leftMargin(yTicks.map(yFormat));
  const labels = [...(spec.threshold ? [spec.threshold.label] : []), ...spec.series.map((s) => s.label)];
  const top = legendTop(Boolean(spec.subtitle)) + 4 + 18 * legendRows(labels, width - 16 - left);
  const plot: PlotArea = { left, top, right: width - 16, bottom: height - 40 };
  y.range([plot.bottom, plot.top]);
  const xMin = xs.length ? Math.min(...xs) : 0;
  const xMax = xs.length ? Math.max(...xs) : 1;
  const x = scaleLinear().domain([Math.max(0, xMin - 1), xMax + 1]).nice(tickCount(plot.right - plot.left)).range([plot.left, plot.right]);
  const xTicks = x.ticks(tickCount(plot.right - plot.left)).filter(Number.isInteger);

  let out = openChart(spec.name, 'xy', width, height, spec.title, spec.subtitle);
  out += leftAxis(yTicks, y, yFormat, plot, spec.yLabel);
  out += bottomAxis(xTicks, x, fmtInt, plot, spec.xLabel);
  const items: LegendItem[] = [];
  if (spec.threshold) {
    const ty = px(y(spec.threshold.value));
    out += `<line class="threshold" data-threshold="${spec.threshold.value}" x1="${plot.left}" x2="${plot.right}" y1="${ty}" y2="${ty}" stroke="${COLORS.reference}" stroke-width="1.5" stroke-dasharray="5 4"/>`;
    items.push({ label: spec.threshold.label, color: COLORS.reference, swatch: 'dashed' });
  }
  for (const series of spec.series) {
    const label = escapeHtml(series.label);
    const points = [...series.points].sort((a, b) => a[0] - b[0]).map(([px_, py]) => [x(px_), y(py)] as [number, number]);
    out += `<path class="mark" data-series="${label}" d="${line().digits(1)(points) ?? ''}" fill="none" stroke="${series.color}" stroke-width="1.75"/>`;
    for (const [hx, hy] of [...series.points].sort((a, b) => a[0] - b[0])) {
      const title = `${series.label}: ${fmtInt(hx)} hosts, ${(spec.valueFormat ?? (spec.yPercent ? fmtPct0 : fmt1))(hy)}`;
      out += `<circle class="point" data-series="${label}" data-x="${hx}" data-y="${hy}" cx="${px(x(hx))}" cy="${px(y(hy))}" r="3" fill="${series.color}"><title>${escapeHtml(title)}</title></circle>`;
    }
    for (const [hx, hy] of series.marked ?? []) {
      out += `<circle class="marked" data-series="${label}" data-x="${hx}" cx="${px(x(hx))}" cy="${px(y(hy))}" r="6" fill="none" stroke="${series.color}" stroke-width="2"/>`;
    }
    items.push({ label: series.label, color: series.color, swatch: 'line' });
  }
  out += legend(items, plot.left, legendTop(Boolean(spec.subtitle)), plot.right - plot.left);
  return out + closeChart();
}

/** Rows the legend of chart-frame.ts takes for these labels (the same wrapping rule). */
function legendRows(labels: string[], maxWidth: number): number {
  let rows = 1;
  let used = 0;
  for (const label of labels) {
    const width = 26 + approxTextWidth(label, 11.5) + 16;
    if (used > 0 && used + width > maxWidth) {
      rows++;
      used = 0;
    }
    used += width;
  }
  return rows;
}
