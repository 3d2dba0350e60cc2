import { escapeHtml } from './escape-html.js';

const ATTRIBUTE_NAME = /^[a-z][a-z0-9-]*$/;

export interface TableColumn<Row> {
  header: string;
  /** `right` for numbers (tabular figures); text is left-aligned. */
  align?: 'left' | 'right';
  /** The cell's text; it is escaped, so any string is safe. */
  text: (row: Row) => string;
  /** Extra attributes for the cell (names are ours, values are escaped). */
  attrs?: (row: Row) => Record<string, string>;
  /** A hint shown when hovering the header. */
  hint?: string;
}

export interface TableOptions {
  className?: string;
  /** Shown in place of the table when there are no rows. */
  empty?: string;
}

/** An HTML table; every header and cell text is escaped. */
export function renderTable<Row>(columns: TableColumn<Row>[], rows: Row[], options: TableOptions = {}): string {
  if (rows.length === 0 && options.empty !== undefined) {
    return `<p class="empty">${escapeHtml(options.empty)}</p>`;
  }
  const cls = options.className ? ` class="${escapeHtml(options.className)}"` : '';
  let out = `<div class="table-wrap"><table${cls}><thead><tr>`;
  for (const col of columns) {
    const hint = col.hint ? ` title="${escapeHtml(col.hint)}"` : '';
    out += `<th${alignClass(col)}${hint}>${escapeHtml(col.header)}</th>`;
  }
  out += '</tr></thead><tbody>';
  for (const row of rows) {
    out += '<tr>';
    for (const col of columns) {
      const text = col.text(row);
      out += `<td${cellClass(col, text)}${attributes(col.attrs?.(row))}>${escapeHtml(text)}</td>`;
    }
    out += '</tr>';
  }
  return out + '</tbody></table></div>';
}

/** Cells keep to one line; text longer than this may wrap anywhere (ids, paths, checksums). */
const WRAP_AFTER_CHARS = 28;

function alignClass<Row>(col: TableColumn<Row>): string {
  return col.align === 'right' ? ' class="num"' : '';
}

function cellClass<Row>(col: TableColumn<Row>, text: string): string {
  if (col.align === 'right') return ' class="num"';
  return text.length > WRAP_AFTER_CHARS ? ' class="wrap"' : '';
}

function attributes(attrs: Record<string, string> | undefined): string {
  if (!attrs) return '';
  return Object.keys(attrs)
    .sort()
    .filter((name) => {
      if (!ATTRIBUTE_NAME.test(name)) throw new Error(`renderTable: bad attribute name ${JSON.stringify(name)}`);
      return true;
    })
    .map((name) => ` ${name}="${escapeHtml(attrs[name]!)}"`)
    .join('');
}
