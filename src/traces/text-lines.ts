import { createReadStream } from 'node:fs';
import { open, readFile, stat } from 'node:fs/promises';
import { StringDecoder } from 'node:string_decoder';
import { constants as zlibConstants, createGunzip, gunzipSync } from 'node:zlib';
import type { Readable } from 'node:stream';
import { InputError } from '../common/input-error.js';

/** Files up to this size are read in one piece; larger ones stream in 1 MiB chunks. */
const WHOLE_FILE_BYTES = 4 << 20;
const CHUNK_BYTES = 1 << 20;

/**
 * Calls onLine for every line of a text file, gzip or plain (detected by magic bytes), with
 * its 1-based number. Line ends (LF or CRLF) and a leading BOM are removed. Memory stays
 * bounded by the chunk size; the only per-line allocation is the line string itself.
 * Returns the number of lines.
 */
export async function forEachLine(file: string, onLine: (line: string, lineNo: number) => void): Promise<number> {
  const gzip = await isGzipFile(file);
  const size = (await stat(file)).size;
  const splitter = new LineSplitter(onLine);
  try {
    if (!gzip && size <= WHOLE_FILE_BYTES) {
      splitter.push((await readFile(file)).toString('utf8'));
    } else {
      const decoder = new StringDecoder('utf8');
      for await (const chunk of openStream(file, gzip)) splitter.push(decoder.write(chunk as Buffer));
      splitter.push(decoder.end());
    }
  } catch (error) {
    throw asInputError(error, file, splitter.lineNo + 1);
  }
  return splitter.finish();
}

class LineSplitter {
  lineNo = 0;
  private rest = '';
  constructor(private readonly onLine: (line: string, lineNo: number) => void) {}

  push(text: string): void {
    const buffer = this.rest.length > 0 ? this.rest + text : text;
    let start = 0;
    let newline = buffer.indexOf('\n', start);
    while (newline !== -1) {
      this.emit(buffer, start, newline);
      start = newline + 1;
      newline = buffer.indexOf('\n', start);
    }
    this.rest = start === 0 ? buffer : buffer.slice(start);
  }

  finish(): number {
    if (this.rest.length > 0) this.emit(this.rest, 0, this.rest.length);
    this.rest = '';
    return this.lineNo;
  }

  private emit(buffer: string, start: number, end: number): void {
    if (end > start && buffer.charCodeAt(end - 1) === 13) end--;
    if (this.lineNo === 0 && buffer.charCodeAt(start) === 0xfeff) start++;
    this.lineNo++;
    this.onLine(buffer.slice(start, end), this.lineNo);
  }
}

export function openStream(file: string, gzip: boolean): Readable {
  const source = createReadStream(file, { highWaterMark: CHUNK_BYTES });
  if (!gzip) return source;
  const gunzip = createGunzip({ chunkSize: CHUNK_BYTES });
  source.on('error', (error) => gunzip.destroy(error));
  return source.pipe(gunzip);
}

/** An fs or zlib error as the InputError the CLI prints (gzip, missing, unreadable); others as they are. */
export function asInputError(error: unknown, file: string, line: number): unknown {
  if (error instanceof InputError) return error;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && code.startsWith('Z_')) {
    return new InputError(`corrupt or truncated gzip data (${(error as Error).message})`, { file, line, field: 'gzip' });
  }
  if (code === 'ENOENT') return new InputError('file not found', { file });
  if (code === 'EACCES' || code === 'EISDIR') return new InputError(`cannot read file (${code})`, { file });
  return error;
}

/** True when the file starts with the gzip magic bytes 1f 8b. */
export async function isGzipFile(file: string): Promise<boolean> {
  const head = await readHeadBytes(file, 2);
  return head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
}

async function readHeadBytes(file: string, bytes: number): Promise<Buffer> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    throw asInputError(error, file, 1);
  }
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/**
 * The first lines of a text file (gunzipped when needed), for cheap format sniffing. Never
 * throws on a malformed file: a file that cannot be read sniffs as no lines.
 */
export async function readHeadLines(file: string, maxLines = 5, maxBytes = 64 * 1024): Promise<string[]> {
  try {
    const raw = await readHeadBytes(file, maxBytes);
    const truncated = raw.length >= maxBytes;
    const head = raw.length >= 2 && raw[0] === 0x1f && raw[1] === 0x8b
      ? gunzipSync(raw, { finishFlush: zlibConstants.Z_SYNC_FLUSH })
      : raw;
    let text = head.toString('utf8');
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    const lines = text.split('\n');
    if (truncated) lines.pop();
    return lines.slice(0, maxLines).map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line));
  } catch {
    return [];
  }
}

/** The whole file as bytes, gunzipped when it is gzip. */
export async function readBytes(file: string): Promise<Uint8Array> {
  let data: Buffer;
  try {
    data = await readFile(file);
  } catch (error) {
    throw asInputError(error, file, 1);
  }
  if (data.length >= 2 && data[0] === 0x1f && data[1] === 0x8b) {
    try {
      data = gunzipSync(data);
    } catch (error) {
      throw asInputError(error, file, 1);
    }
  }
  return data;
}
