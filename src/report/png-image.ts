import { deflateSync } from 'node:zlib';

/**
 * A minimal PNG encoder for indexed-colour images (colour type 3, 8 bits per pixel): enough
 * for a heatmap, whose cells take one of a dozen colours. Pure: the same pixels give the same
 * bytes (zlib at a fixed level is deterministic). Layout from the PNG specification
 * (ISO/IEC 15948): signature, IHDR, PLTE, IDAT (zlib stream of rows, each led by filter byte 0),
 * IEND; every chunk is length, type, data, CRC-32 of type and data.
 */

export type Rgb = readonly [number, number, number];

const SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);

/** CRC-32 (ISO-HDLC, polynomial 0xEDB88320) table, as the PNG specification's sample code. */
const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 of `bytes` as PNG chunks use it. */
export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/**
 * A `width` x `height` PNG whose pixel (x, y) is `palette[indices[y * width + x]]`.
 * Throws on sizes or indices that cannot be encoded (a programming error, not bad input).
 */
export function encodeIndexedPng(width: number, height: number, indices: Uint8Array, palette: readonly Rgb[]): Uint8Array {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) throw new RangeError(`bad PNG size ${width}x${height}`);
  if (indices.length !== width * height) throw new RangeError(`expected ${width * height} pixels, got ${indices.length}`);
  if (palette.length < 1 || palette.length > 256) throw new RangeError(`a palette holds 1 to 256 colours, got ${palette.length}`);
  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  header.set([8, 3, 0, 0, 0], 8); // bit depth 8, indexed colour, deflate, adaptive filtering, no interlace
  const plte = new Uint8Array(palette.length * 3);
  palette.forEach(([r, g, b], i) => plte.set([r, g, b], i * 3));
  const raw = new Uint8Array(height * (width + 1));
  for (let y = 0; y < height; y++) {
    const row = indices.subarray(y * width, (y + 1) * width);
    for (let x = 0; x < width; x++) if (row[x]! >= palette.length) throw new RangeError(`pixel (${x},${y}) has index ${row[x]} outside the palette`);
    raw.set(row, y * (width + 1) + 1); // filter byte 0 (none) leads each row
  }
  const idat = deflateSync(raw, { level: 9 });
  return concat([SIGNATURE, chunk('IHDR', header), chunk('PLTE', plte), chunk('IDAT', idat), chunk('IEND', new Uint8Array(0))]);
}

/** `#rrggbb` as an RGB triple. */
export function hexRgb(hex: string): Rgb {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) throw new RangeError(`not a #rrggbb colour: ${hex}`);
  return [parseInt(m[1]!, 16), parseInt(m[2]!, 16), parseInt(m[3]!, 16)];
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
