import type { PlotArea } from './chart-frame.js';
import { px } from './chart-numbers.js';
import { HEATMAP_BIN_COLORS, HEATMAP_EMPTY_COLOR } from './palette.js';
import { encodeIndexedPng, hexRgb } from './png-image.js';

/** The bin index of a cell without a value (every host of the row off for the whole bucket). */
export const EMPTY_BIN = HEATMAP_BIN_COLORS.length;

/** Palette index i is bin i; the last entry is the "off" grey. */
const PNG_PALETTE = [...HEATMAP_BIN_COLORS, HEATMAP_EMPTY_COLOR].map(hexRgb);

/**
 * The heatmap's cells, `rows` x `buckets` bin indices (row-major), drawn over the plot area
 * whichever way makes fewer bytes: SVG rects (a few dozen bytes each, smaller for a handful of
 * cells) or one data: PNG with a pixel per cell (a few bytes per cell once deflated: a 100 x 288
 * heatmap is ~1 MB of rects, a few kB of PNG). The PNG is stretched over the plot with
 * `image-rendering: pixelated`, so cells keep hard edges and their exact bin colour.
 */
export function heatmapCells(cells: { bins: Uint8Array }, rows: number, buckets: number, plot: PlotArea, cellWidth: number, rowHeight: number): string {
  if (rows === 0 || buckets === 0) return rectCells(cells.bins, rows, buckets, plot, cellWidth, rowHeight);
  const image = imageCells(cells.bins, rows, buckets, plot, cellWidth, rowHeight);
  // The rects are only counted unless they win: for a day on hundreds of hosts they are megabytes.
  return image.length < rectCellsLength(cells.bins, rows, buckets, plot, cellWidth, rowHeight) ? image : rectCells(cells.bins, rows, buckets, plot, cellWidth, rowHeight);
}

/** One `rect.mark` per cell: unit squares in a scaled group, sized by CSS. */
export function rectCells(bins: Uint8Array, rows: number, buckets: number, plot: PlotArea, cellWidth: number, rowHeight: number): string {
  let out = rectsOpen(plot, cellWidth, rowHeight);
  for (let r = 0; r < rows; r++) {
    out += `<g transform="translate(0,${r})">`;
    for (let b = 0; b < buckets; b++) {
      const bin = bins[r * buckets + b]!;
      out += `<rect class="mark ${bin === EMPTY_BIN ? 'qx' : `q${bin}`}" x="${b}"/>`;
    }
    out += '</g>';
  }
  return out + '</g>';
}

/** rectCells(...).length, without making the string. */
export function rectCellsLength(bins: Uint8Array, rows: number, buckets: number, plot: PlotArea, cellWidth: number, rowHeight: number): number {
  const cellFixed = '<rect class="mark q" x=""/>'.length;
  let bucketDigits = 0;
  for (let b = 0; b < buckets; b++) bucketDigits += String(b).length;
  let length = rectsOpen(plot, cellWidth, rowHeight).length + '</g>'.length;
  for (let r = 0; r < rows; r++) {
    length += '<g transform="translate(0,)">'.length + String(r).length + '</g>'.length + cellFixed * buckets + bucketDigits;
    for (let b = 0; b < buckets; b++) {
      const bin = bins[r * buckets + b]!;
      length += bin === EMPTY_BIN ? 1 : String(bin).length;
    }
  }
  return length;
}

function rectsOpen(plot: PlotArea, cellWidth: number, rowHeight: number): string {
  return `<g class="hm" transform="translate(${plot.left},${plot.top}) scale(${+cellWidth.toFixed(4)},${+rowHeight.toFixed(4)})" shape-rendering="crispEdges">`;
}

/** One `image.mark`: a PNG of `buckets` x `rows` pixels in the bin colours. */
export function imageCells(bins: Uint8Array, rows: number, buckets: number, plot: PlotArea, cellWidth: number, rowHeight: number): string {
  const png = encodeIndexedPng(buckets, rows, bins, PNG_PALETTE);
  const href = `data:image/png;base64,${Buffer.from(png).toString('base64')}`;
  return (
    `<image class="mark hm-img" data-cells="${rows}x${buckets}" x="${px(plot.left)}" y="${px(plot.top)}" ` +
    `width="${px(cellWidth * buckets)}" height="${px(rowHeight * rows)}" preserveAspectRatio="none" href="${href}"/>`
  );
}
