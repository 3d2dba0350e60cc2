import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import { InputError } from '../common/input-error.js';

/**
 * Reads and validates a JSON file. A bad file gets one InputError naming the file, the JSON
 * path of the first problem and what was expected (zod lists the valid values for enums).
 */
export function loadSpec<S extends z.ZodType>(path: string, schema: S): z.output<S> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new InputError('cannot read file', { file: path });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new InputError(`invalid JSON (${(error as Error).message})`, { file: path, line: jsonErrorLine(text, error) });
  }
  return parseSpec(json, schema, path);
}

export function parseSpec<S extends z.ZodType>(json: unknown, schema: S, file: string): z.output<S> {
  const result = schema.safeParse(json);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const field = issue.path.length ? jsonPath(issue.path) : '(root)';
  throw new InputError(issue.message, { file, field });
}

function jsonPath(path: readonly PropertyKey[]): string {
  return path.map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`)).join('').replace(/^\./, '');
}

function jsonErrorLine(text: string, error: unknown): number | undefined {
  const match = /position (\d+)/.exec((error as Error).message);
  if (!match) return undefined;
  return text.slice(0, Number(match[1])).split('\n').length;
}
