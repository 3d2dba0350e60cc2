import { closeSync, openSync, readSync } from 'node:fs';
import { asInputError, openStream } from './text-lines.js';

/** Bytes per read of a plain file: large enough that per-read costs vanish, small enough to stay bounded. */
const READ_BYTES = 4 << 20;

/**
 * Called for every line of a file as a byte range [start, end) of `bytes`, line end (LF or
 * CRLF) and, on line 1, a UTF-8 BOM removed, with the 1-based line number. `bytes` is valid only
 * during the call (buffers are reused).
 */
export type ByteLineHandler = (bytes: Buffer, start: number, end: number, lineNo: number) => void;

/**
 * The byte-level twin of forEachLine: the same lines, numbers and errors, but no string per
 * line, for readers that parse fields straight from bytes. Gzip or plain (by magic bytes);
 * plain files are read by position, so any size works; memory is bounded by the longest line.
 * Returns the number of lines.
 */
export async function forEachLineBytes(file: string, onLine: ByteLineHandler): Promise<number> {
  const splitter = new ByteLineSplitter(onLine);
  try {
    if (!readPlain(file, splitter)) {
      for await (const chunk of openStream(file, true)) splitter.push(chunk as Buffer, (chunk as Buffer).length);
    }
  } catch (error) {
    throw asInputError(error, file, splitter.lineNo + 1);
  }
  return splitter.finish();
}

/**
 * Feeds a plain file to the splitter with positional reads (synchronous: the parse holds the
 * thread anyway, and no thread-pool round trip per chunk); false, having read nothing, when the
 * file starts with the gzip magic bytes.
 */
function readPlain(file: string, splitter: ByteLineSplitter): boolean {
  const fd = openSync(file, 'r');
  // One read buffer for every file (a folder of 500 VM files allocated 2 GB otherwise); a nested
  // call, which nothing makes, would get its own.
  const buffer = spareBuffer ?? Buffer.allocUnsafe(READ_BYTES);
  spareBuffer = null;
  try {
    let position = 0;
    for (;;) {
      const bytesRead = readSync(fd, buffer, 0, READ_BYTES, position);
      if (position === 0 && bytesRead >= 2 && buffer[0] === 0x1f && buffer[1] === 0x8b) return false;
      if (bytesRead === 0) return true;
      splitter.push(buffer, bytesRead);
      position += bytesRead;
    }
  } finally {
    spareBuffer = buffer;
    closeSync(fd);
  }
}

let spareBuffer: Buffer | null = null;

/** Splits chunks into lines; a line cut by a chunk boundary is carried over in its own buffer. */
class ByteLineSplitter {
  lineNo = 0;
  private carry = Buffer.allocUnsafe(64 * 1024);
  private carryLength = 0;

  constructor(private readonly onLine: ByteLineHandler) {}

  push(chunk: Buffer, length: number): void {
    let start = 0;
    if (this.carryLength > 0) {
      const newline = indexOfNewline(chunk, 0, length);
      if (newline === -1) {
        this.append(chunk, 0, length);
        return;
      }
      this.append(chunk, 0, newline);
      const carried = this.carryLength;
      this.carryLength = 0;
      this.emit(this.carry, 0, carried);
      start = newline + 1;
    }
    let newline = indexOfNewline(chunk, start, length);
    while (newline !== -1) {
      this.emit(chunk, start, newline);
      start = newline + 1;
      newline = indexOfNewline(chunk, start, length);
    }
    if (start < length) this.append(chunk, start, length);
  }

  finish(): number {
    if (this.carryLength > 0) {
      const carried = this.carryLength;
      this.carryLength = 0;
      this.emit(this.carry, 0, carried);
    }
    return this.lineNo;
  }

  private append(chunk: Buffer, start: number, end: number): void {
    const needed = this.carryLength + (end - start);
    if (needed > this.carry.length) {
      const grown = Buffer.allocUnsafe(Math.max(needed, this.carry.length * 2));
      this.carry.copy(grown, 0, 0, this.carryLength);
      this.carry = grown;
    }
    chunk.copy(this.carry, this.carryLength, start, end);
    this.carryLength = needed;
  }

  private emit(bytes: Buffer, start: number, end: number): void {
    if (end > start && bytes[end - 1] === 13) end--;
    if (this.lineNo === 0 && end - start >= 3 && bytes[start] === 0xef && bytes[start + 1] === 0xbb && bytes[start + 2] === 0xbf) start += 3;
    this.lineNo++;
    this.onLine(bytes, start, end, this.lineNo);
  }
}

function indexOfNewline(chunk: Buffer, from: number, length: number): number {
  const at = chunk.indexOf(10, from);
  return at === -1 || at >= length ? -1 : at;
}

/** True when bytes[start, end) is empty or only whitespace, as String.prototype.trim sees it. */
export function isBlankBytes(bytes: Buffer, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = bytes[i]!;
    if (c === 32 || (c >= 9 && c <= 13)) continue;
    if (c < 0x80) return false;
    return bytes.toString('utf8', start, end).trim().length === 0;
  }
  return true;
}
