import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { crc32, encodeIndexedPng, hexRgb, type Rgb } from '../../src/report/png-image.js';
import type { PlotArea } from '../../src/report/chart-frame.js';
import { EMPTY_BIN, rectCells, rectCellsLength } from '../../src/report/heatmap-cells.js';
import { decodeIndexedPng } from './png-decode.js';

describe('PNG encoder', () => {
  it('computes the standard CRC-32 check value', () => {
    // The CRC-32/ISO-HDLC check value: crc("123456789") = 0xCBF43926.
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array(0))).toBe(0);
  });

  it('writes a 3 x 2 image that decodes to its pixels, palette and chunk order', () => {
    const palette: Rgb[] = [hexRgb('#000000'), hexRgb('#ff8000'), hexRgb('#b9bec5')];
    const indices = Uint8Array.of(0, 1, 2, 2, 1, 0);
    const png = encodeIndexedPng(3, 2, indices, palette);
    const decoded = decodeIndexedPng(png);
    expect(decoded).toEqual({ width: 3, height: 2, palette: [[0, 0, 0], [255, 128, 0], [185, 190, 197]], indices, chunkTypes: ['IHDR', 'PLTE', 'IDAT', 'IEND'] });
  });

  it('refuses pixels outside the palette and sizes that do not match', () => {
    expect(() => encodeIndexedPng(2, 1, Uint8Array.of(0, 3), [[0, 0, 0]])).toThrow(/outside the palette/);
    expect(() => encodeIndexedPng(2, 2, Uint8Array.of(0, 0, 0), [[0, 0, 0]])).toThrow(/expected 4 pixels/);
    expect(() => encodeIndexedPng(0, 1, new Uint8Array(0), [[0, 0, 0]])).toThrow(/bad PNG size/);
  });

  it('round-trips any indexed image, byte-identical on a second encoding', () => {
    const image = fc
      .record({ width: fc.integer({ min: 1, max: 40 }), height: fc.integer({ min: 1, max: 40 }), colours: fc.integer({ min: 1, max: 12 }) })
      .chain(({ width, height, colours }) =>
        fc.record({
          width: fc.constant(width),
          height: fc.constant(height),
          palette: fc.array(fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255)), { minLength: colours, maxLength: colours }),
          pixels: fc.array(fc.nat(colours - 1), { minLength: width * height, maxLength: width * height }),
        }),
      );
    fc.assert(
      fc.property(image, ({ width, height, palette, pixels }) => {
        const indices = Uint8Array.from(pixels);
        const png = encodeIndexedPng(width, height, indices, palette);
        const decoded = decodeIndexedPng(png);
        expect(decoded.width).toBe(width);
        expect(decoded.height).toBe(height);
        expect(decoded.palette).toEqual(palette);
        expect([...decoded.indices]).toEqual(pixels);
        expect(Buffer.from(encodeIndexedPng(width, height, indices, palette)).equals(Buffer.from(png))).toBe(true);
      }),
      { numRuns: 150 },
    );
  });
});

describe('heatmap rects counted without being made', () => {
  it('rectCellsLength is the length of rectCells, whatever the bins', () => {
    const plot: PlotArea = { left: 61.5, top: 12, right: 861.5, bottom: 312 };
    let seed = 3;
    const next = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    for (const [rows, buckets] of [[1, 1], [3, 12], [17, 288], [120, 5]] as const) {
      const bins = Uint8Array.from({ length: rows * buckets }, () => next(EMPTY_BIN + 1));
      bins[0] = EMPTY_BIN;
      const made = rectCells(bins, rows, buckets, plot, 2.7777, 1.5);
      expect(made).toContain('qx');
      expect(rectCellsLength(bins, rows, buckets, plot, 2.7777, 1.5)).toBe(made.length);
    }
  });
});
