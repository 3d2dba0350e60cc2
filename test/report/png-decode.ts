import { crc32 as zlibCrc32, inflateSync } from 'node:zlib';

/**
 * A strict reader of the PNGs the reports write (indexed colour, 8 bits, no interlace, filter
 * 0 on every row), written from the PNG specification independently of the encoder: chunk
 * CRCs are checked with node:zlib's CRC-32, pixel data with node:zlib's inflate.
 */
export interface DecodedPng {
  width: number;
  height: number;
  palette: [number, number, number][];
  indices: Uint8Array;
  chunkTypes: string[];
}

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

export function decodeIndexedPng(bytes: Uint8Array): DecodedPng {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  if (!SIGNATURE.every((b, i) => buf[i] === b)) throw new Error('not a PNG signature');
  let at = 8;
  let width = 0;
  let height = 0;
  let palette: [number, number, number][] = [];
  const idat: Buffer[] = [];
  const chunkTypes: string[] = [];
  while (at < buf.length) {
    const length = buf.readUInt32BE(at);
    const type = buf.toString('latin1', at + 4, at + 8);
    const data = buf.subarray(at + 8, at + 8 + length);
    const crc = buf.readUInt32BE(at + 8 + length);
    if (zlibCrc32(buf.subarray(at + 4, at + 8 + length)) !== crc) throw new Error(`bad CRC in ${type}`);
    chunkTypes.push(type);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      if ([...data.subarray(8, 13)].join() !== '8,3,0,0,0') throw new Error(`unexpected IHDR ${[...data.subarray(8, 13)]}`);
    } else if (type === 'PLTE') {
      palette = Array.from({ length: length / 3 }, (_, i) => [data[i * 3]!, data[i * 3 + 1]!, data[i * 3 + 2]!]);
    } else if (type === 'IDAT') idat.push(data);
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  if (raw.length !== height * (width + 1)) throw new Error(`IDAT holds ${raw.length} bytes, expected ${height * (width + 1)}`);
  const indices = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    if (raw[y * (width + 1)] !== 0) throw new Error(`row ${y} has filter ${raw[y * (width + 1)]}`);
    indices.set(raw.subarray(y * (width + 1) + 1, (y + 1) * (width + 1)), y * width);
  }
  return { width, height, palette, indices, chunkTypes };
}
