import { decodeIndexedPng } from './png-decode.js';
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
  return [...svg.matchAll(/<(?:path|rect|image)\b[^>]*\bclass="(?:[^"]* )?mark(?: [^"]*)?"/g)].length;
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

/**
 * The heatmap's cells as bin indices (row-major, rows x buckets) and how they were drawn:
 * decoded back from its data: PNG, or read from its rect classes (qx: off, EMPTY_BIN).
 */
export function heatmapBins(svg: string, emptyBin: number): { drawnAs: 'png' | 'rects'; rows: number; buckets: number; bins: number[] } {
  const image = /<image class="mark hm-img" data-cells="(\d+)x(\d+)"[^>]* href="data:image\/png;base64,([^"]+)"/.exec(svg);
  if (image) {
    const png = decodeIndexedPng(Buffer.from(image[3]!, 'base64'));
    return { drawnAs: 'png', rows: png.height, buckets: png.width, bins: [...png.indices] };
  }
  const rows = [...svg.matchAll(/<g transform="translate\(0,\d+\)">(.*?)<\/g>/g)].map((m) =>
    [...m[1]!.matchAll(/class="mark q(\d+|x)"/g)].map((c) => (c[1] === 'x' ? emptyBin : Number(c[1]))),
  );
  return { drawnAs: 'rects', rows: rows.length, buckets: rows[0]?.length ?? 0, bins: rows.flat() };
}
