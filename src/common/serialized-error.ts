import { InputError } from './input-error.js';

/** An error as plain data, to cross a thread boundary or a job queue and come back as itself. */
export interface SerializedError {
  name: string;
  message: string;
  /** InputError: its detail and where. */
  detail?: string;
  file?: string;
  line?: number;
  field?: string;
  /** Node system errors. */
  code?: string;
  path?: string;
}

export function describeError(error: unknown): SerializedError {
  if (error instanceof InputError) {
    return {
      name: error.name,
      message: error.message,
      detail: error.detail,
      ...(error.file !== undefined ? { file: error.file } : {}),
      ...(error.line !== undefined ? { line: error.line } : {}),
      ...(error.field !== undefined ? { field: error.field } : {}),
    };
  }
  const e: NodeJS.ErrnoException = error instanceof Error ? error : new Error(String(error));
  return {
    name: e.name,
    message: e.code ? e.message : (e.stack ?? e.message),
    ...(e.code !== undefined ? { code: e.code } : {}),
    ...(e.path !== undefined ? { path: e.path } : {}),
  };
}

/** InputErrors (any name) come back as InputErrors; others as Errors with their code and path. */
export function reviveError(error: SerializedError): Error {
  if (error.detail !== undefined) {
    const where = {
      ...(error.file !== undefined ? { file: error.file } : {}),
      ...(error.line !== undefined ? { line: error.line } : {}),
      ...(error.field !== undefined ? { field: error.field } : {}),
    };
    const revived = new InputError(error.detail, where);
    revived.name = error.name;
    return revived;
  }
  const revived: NodeJS.ErrnoException = new Error(error.message);
  revived.name = error.name;
  if (error.code !== undefined) revived.code = error.code;
  if (error.path !== undefined) revived.path = error.path;
  return revived;
}
