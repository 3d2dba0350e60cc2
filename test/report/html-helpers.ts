/** Tiny string-level readers of report HTML for tests that run without a DOM. */

/** Each `<svg ...>...</svg>` chart by its data-chart name (charts are never nested). */
export function chartsByName(html: string): Map<string, string> {
  const charts = new Map<string, string>();
  for (const match of html.matchAll(/<svg [^>]*data-chart="([^"]*)"[\s\S]*?<\/svg>/g)) {
    if (charts.has(match[1]!)) throw new Error(`duplicate chart ${match[1]}`);
    charts.set(match[1]!, match[0]);
  }
  return charts;
}

/** Elements whose class list contains `mark`. */
export function countMarks(svg: string): number {
  return [...svg.matchAll(/<(?:path|rect)\b[^>]*\bclass="(?:[^"]* )?mark(?: [^"]*)?"/g)].length;
}

/** Text of every element carrying data-metric, by metric key. */
export function metricTexts(html: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of html.matchAll(/<span data-metric="([^"]*)">([^<]*)<\/span>/g)) out.set(m[1]!, m[2]!);
  return out;
}

/** Every http(s) URL-like string anywhere in the text. */
export function urls(html: string): string[] {
  return [...html.matchAll(/(?:https?:|ftp:|\/\/[a-z0-9.-]+\.[a-z]{2,})/gi)].map((m) => m[0]);
}
