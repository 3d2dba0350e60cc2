import { CHART_CSS } from './chart-frame.js';
import { escapeHtml } from './escape-html.js';
import { HEATMAP_CSS } from './heatmap-chart.js';

/**
 * The page every report shares: one self-contained HTML document with inline CSS, no scripts,
 * no external URLs, and a Content-Security-Policy that forbids loading anything.
 */
export const REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

const PAGE_CSS = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; background: #f5f7fa; color: #1f2933; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 1080px; margin: 0 auto; padding: 28px 24px 48px; }
header.top { border-bottom: 1px solid #d9dee4; margin-bottom: 20px; padding-bottom: 12px; }
header.top h1 { font-size: 22px; margin: 0 0 4px; font-weight: 650; letter-spacing: -0.01em; }
header.top p { margin: 0; color: #616e7c; }
h2 { font-size: 16px; margin: 32px 0 10px; font-weight: 650; }
h2 small { font-weight: 400; color: #616e7c; font-size: 13px; margin-left: 6px; }
p.note { color: #616e7c; margin: 4px 0 12px; max-width: 75ch; }
p.empty { color: #616e7c; font-style: italic; }
section.card, figure.card { background: #fff; border: 1px solid #e4e7eb; border-radius: 6px; padding: 14px 16px; margin: 0 0 14px; }
figure.card { margin: 0 0 14px; }
.grid2 { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 14px; }
.grid2 > figure.card { margin: 0; }
.metrics { display: grid; grid-template-columns: repeat(auto-fill, minmax(160px, 1fr)); gap: 10px; }
.metric { background: #fff; border: 1px solid #e4e7eb; border-radius: 6px; padding: 10px 12px; }
.metric .label { color: #616e7c; font-size: 12px; }
.metric .figure { font-size: 21px; font-weight: 600; font-variant-numeric: tabular-nums; white-space: nowrap; }
.metric .unit { font-size: 13px; color: #616e7c; font-weight: 400; margin-left: 3px; }
.metric .sub { color: #616e7c; font-size: 12px; }
.metric.warn .figure { color: #b4541a; }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
th, td { text-align: left; padding: 5px 8px; border-bottom: 1px solid #e4e7eb; vertical-align: top; }
th { font-weight: 600; color: #3e4c59; border-bottom: 1px solid #cbd2d9; white-space: nowrap; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td { white-space: nowrap; }
td.wrap { white-space: normal; overflow-wrap: anywhere; min-width: 12em; }
.table-wrap { overflow-x: auto; }
table.figures { font-size: 12.5px; }
table.figures th { white-space: normal; vertical-align: bottom; }
table.figures th, table.figures td { padding: 5px 5px; }
table.figures td:first-child { white-space: normal; min-width: 8em; }
table.files td:last-child { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 11.5px; }
dl.inputs { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; margin: 0 0 12px; }
dl.inputs dt { color: #616e7c; }
dl.inputs dd { margin: 0; overflow-wrap: anywhere; min-width: 0; }
ul.savings { margin: 0; padding-left: 20px; }
h3 { font-size: 13.5px; margin: 0 0 8px; font-weight: 600; }
ul.savings li { margin: 4px 0; }
section.verdict { background: #fff; border: 1px solid #e4e7eb; border-left: 4px solid #3e7c59; border-radius: 6px; padding: 10px 14px; margin: 0 0 16px; }
section.verdict.warn { border-left-color: #b4541a; }
section.verdict p.answer { margin: 0; font-size: 15px; font-weight: 600; }
section.verdict ul.warnings { margin: 6px 0 0; padding-left: 20px; color: #8a3c0f; }
footer { margin-top: 36px; color: #9aa5b1; font-size: 12px; }
@media (max-width: 760px) { .grid2 { grid-template-columns: 1fr; } }
@media print {
  body { background: #fff; font-size: 12px; }
  main { max-width: none; padding: 0; }
  section.card, figure.card, .metric { border-color: #cbd2d9; break-inside: avoid; }
  h2 { break-after: avoid; }
  table { font-size: 10.5px; }
  th, td { padding: 3px 5px; }
  .table-wrap { overflow: visible; }
}
`;

export function renderPage(title: string, body: string): string {
  return (
    '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">' +
    `<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">` +
    '<meta name="viewport" content="width=device-width, initial-scale=1">' +
    `<title>${escapeHtml(title)}</title>` +
    `<style>${PAGE_CSS}${CHART_CSS}${HEATMAP_CSS}</style></head>\n<body><main>\n${body}\n</main></body></html>\n`
  );
}
