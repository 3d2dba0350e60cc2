import { safeText } from './safe-text.js';

const VALID_LIST = '; valid: ';
const MAX_VALID_LIST_CHARS = 4000;

/**
 * An error in something the user gave us (a file, a flag, a model). The CLI prints it as one
 * line, `file:line: field: message`, and exits with code 2 - never a stack trace.
 */
export class InputError extends Error {
  readonly file: string | undefined;
  readonly line: number | undefined;
  readonly field: string | undefined;
  readonly detail: string;

  constructor(rawDetail: string, rawWhere: { file?: string; line?: number; field?: string } = {}) {
    // Every part may repeat raw input: escaped and cut here, once, for every reader and spec.
    // A trailing "; valid: ..." list is our own names, kept whole (escaped) so it stays useful.
    const list = rawDetail.lastIndexOf(VALID_LIST);
    const detail = list < 0 ? safeText(rawDetail) : safeText(rawDetail.slice(0, list)) + safeText(rawDetail.slice(list), MAX_VALID_LIST_CHARS);
    const where = {
      ...rawWhere,
      ...(rawWhere.file !== undefined ? { file: safeText(rawWhere.file) } : {}),
      ...(rawWhere.field !== undefined ? { field: safeText(rawWhere.field, 80) } : {}),
    };
    super(formatInputError(detail, where));
    this.name = 'InputError';
    this.file = where.file;
    this.line = where.line;
    this.field = where.field;
    this.detail = detail;
  }
}

export function formatInputError(
  detail: string,
  where: { file?: string; line?: number; field?: string },
): string {
  let place = where.file ?? '';
  if (where.line !== undefined) place += `${place ? ':' : 'line '}${where.line}`;
  const field = where.field ? `${where.field}: ` : '';
  return place ? `${place}: ${field}${detail}` : `${field}${detail}`;
}
