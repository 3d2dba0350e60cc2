/**
 * A minimal Parquet writer for test fixtures: one row group, REQUIRED columns, PLAIN encoding,
 * uncompressed data pages, Thrift compact protocol metadata (parquet-format's parquet.thrift).
 * Enough for hyparquet to read, nothing more.
 */
export type ParquetColumnType = 'int32' | 'int64' | 'double' | 'string' | 'timestamp-ms';

export interface ParquetColumn {
  name: string;
  type: ParquetColumnType;
  values: readonly (number | string)[];
}

const PHYSICAL = { int32: 1, int64: 2, double: 5, string: 6, 'timestamp-ms': 2 } as const;
const CONVERTED: Partial<Record<ParquetColumnType, number>> = { string: 0, 'timestamp-ms': 9 };
const [T_I32, T_I64, T_BINARY, T_LIST, T_STRUCT] = [5, 6, 8, 9, 12];

export function writeParquet(columns: readonly ParquetColumn[]): Uint8Array {
  const rows = columns[0]?.values.length ?? 0;
  const body: number[] = [...ascii('PAR1')];
  const chunks: { offset: number; size: number; column: ParquetColumn }[] = [];
  for (const column of columns) {
    if (column.values.length !== rows) throw new Error(`column ${column.name} has ${column.values.length} values, expected ${rows}`);
    const data = plain(column);
    const header = new Thrift();
    header.i32(1, 0); // DATA_PAGE
    header.i32(2, data.length);
    header.i32(3, data.length);
    header.struct(5, () => {
      header.i32(1, rows);
      header.i32(2, 0); // PLAIN
      header.i32(3, 3); // RLE
      header.i32(4, 3);
    });
    header.stop();
    const offset = body.length;
    body.push(...header.bytes, ...data);
    chunks.push({ offset, size: body.length - offset, column });
  }
  const meta = new Thrift();
  meta.i32(1, 1);
  const elements: (ParquetColumn | null)[] = [null, ...columns];
  meta.list(2, T_STRUCT, elements, (column) => {
    if (column === null) {
      meta.binary(4, 'schema');
      meta.i32(5, columns.length);
    } else {
      meta.i32(1, PHYSICAL[column.type]);
      meta.i32(3, 0); // REQUIRED
      meta.binary(4, column.name);
      if (CONVERTED[column.type] !== undefined) meta.i32(6, CONVERTED[column.type]!);
    }
  });
  meta.i64(3, rows);
  meta.list(4, T_STRUCT, [0], () => {
    meta.list(1, T_STRUCT, chunks, (chunk) => {
      meta.i64(2, chunk.offset);
      meta.struct(3, () => {
        meta.i32(1, PHYSICAL[chunk.column.type]);
        meta.list(2, T_I32, [0], (encoding) => meta.rawI32(encoding));
        meta.list(3, T_BINARY, [chunk.column.name], (name) => meta.rawBinary(name));
        meta.i32(4, 0); // UNCOMPRESSED
        meta.i64(5, rows);
        meta.i64(6, chunk.size);
        meta.i64(7, chunk.size);
        meta.i64(9, chunk.offset);
      });
    });
    meta.i64(2, chunks.reduce((sum, chunk) => sum + chunk.size, 0));
    meta.i64(3, rows);
  });
  meta.stop();
  const footer = meta.bytes;
  body.push(...footer, ...le32(footer.length), ...ascii('PAR1'));
  return Uint8Array.from(body);
}

function plain(column: ParquetColumn): number[] {
  const out: number[] = [];
  for (const value of column.values) {
    if (column.type === 'string') {
      const bytes = [...Buffer.from(String(value), 'utf8')];
      out.push(...le32(bytes.length), ...bytes);
    } else if (column.type === 'int32') {
      out.push(...le32(Number(value)));
    } else if (column.type === 'double') {
      const b = Buffer.alloc(8);
      b.writeDoubleLE(Number(value));
      out.push(...b);
    } else {
      const b = Buffer.alloc(8);
      b.writeBigInt64LE(BigInt(value));
      out.push(...b);
    }
  }
  return out;
}

/** Thrift compact protocol, just the parts parquet.thrift metadata needs. */
class Thrift {
  readonly bytes: number[] = [];
  private lastId: number[] = [0];

  i32(id: number, value: number): void {
    this.header(id, T_I32);
    this.rawI32(value);
  }
  i64(id: number, value: number): void {
    this.header(id, T_I64);
    this.varint(zigzag(BigInt(value)));
  }
  binary(id: number, text: string): void {
    this.header(id, T_BINARY);
    this.rawBinary(text);
  }
  struct(id: number, body: () => void): void {
    this.header(id, T_STRUCT);
    this.nested(body);
  }
  list<T>(id: number, elementType: number, items: readonly T[], write: (item: T) => void): void {
    this.header(id, T_LIST);
    this.bytes.push(items.length < 15 ? (items.length << 4) | elementType : 0xf0 | elementType);
    if (items.length >= 15) this.varint(BigInt(items.length));
    for (const item of items) {
      if (elementType === T_STRUCT) this.nested(() => write(item));
      else write(item);
    }
  }
  rawI32(value: number): void {
    this.varint(zigzag(BigInt(value)));
  }
  rawBinary(text: string): void {
    const bytes = [...Buffer.from(text, 'utf8')];
    this.varint(BigInt(bytes.length));
    this.bytes.push(...bytes);
  }
  stop(): void {
    this.bytes.push(0);
  }
  private nested(body: () => void): void {
    this.lastId.push(0);
    body();
    this.stop();
    this.lastId.pop();
  }
  private header(id: number, type: number): void {
    const last = this.lastId[this.lastId.length - 1]!;
    const delta = id - last;
    if (delta > 0 && delta <= 15) this.bytes.push((delta << 4) | type);
    else {
      this.bytes.push(type);
      this.varint(zigzag(BigInt(id)));
    }
    this.lastId[this.lastId.length - 1] = id;
  }
  private varint(value: bigint): void {
    let v = value;
    while (v >= 0x80n) {
      this.bytes.push(Number(v & 0x7fn) | 0x80);
      v >>= 7n;
    }
    this.bytes.push(Number(v));
  }
}

function zigzag(value: bigint): bigint {
  return value >= 0n ? value << 1n : ((-value) << 1n) - 1n;
}

function le32(value: number): number[] {
  const b = Buffer.alloc(4);
  b.writeInt32LE(value);
  return [...b];
}

function ascii(text: string): number[] {
  return [...Buffer.from(text, 'latin1')];
}
