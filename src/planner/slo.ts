import { InputError } from '../common/input-error.js';

/**
 * Service-level objectives over a run's summary metrics: comparisons joined by `and`, e.g.
 * `unmetFraction<=0.001 and cpu.utilizationPeak<0.9`. Keys are summary.json paths with dots;
 * SLO_ALIASES gives shorthands.
 */
export type SloOperator = '<=' | '>=' | '<' | '>' | '==';
export const SLO_OPERATORS: readonly SloOperator[] = ['<=', '>=', '==', '<', '>'];

/** Shorthand -> summary.json path. */
export const SLO_ALIASES: Readonly<Record<string, string>> = { unmetFraction: 'cpu.unmetFraction' };

export interface SloClause {
  /** As written. */
  key: string;
  /** The summary path it reads (aliases resolved). */
  metric: string;
  operator: SloOperator;
  threshold: number;
}

export interface Slo {
  text: string;
  clauses: SloClause[];
}

const KEY = /[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*/y;
const NUMBER = /[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/y;
const AND = /and(?![A-Za-z0-9_.])/iy;
const SPACE = /\s*/y;

/** Parses an SLO; a syntax error is one InputError line naming the column (1-based). */
export function parseSlo(text: string): Slo {
  let pos = 0;
  const skip = () => {
    SPACE.lastIndex = pos;
    SPACE.exec(text);
    pos = SPACE.lastIndex;
  };
  const take = (pattern: RegExp): string | null => {
    pattern.lastIndex = pos;
    const match = pattern.exec(text);
    if (!match) return null;
    pos = pattern.lastIndex;
    return match[0];
  };
  const fail = (expected: string): never => {
    const found = pos >= text.length ? 'the end' : `"${text.slice(pos, pos + 12)}"`;
    throw new InputError(`expected ${expected} at column ${pos + 1}, found ${found}, in "${text}"`, { field: 'slo' });
  };
  const clauses: SloClause[] = [];
  skip();
  for (;;) {
    const keyStart = pos;
    const key = take(KEY);
    if (key === null || /^and$/i.test(key)) {
      pos = keyStart;
      fail('a metric name (e.g. unmetFraction or cpu.utilizationPeak)');
    }
    skip();
    const operator = SLO_OPERATORS.find((op) => text.startsWith(op, pos));
    if (!operator) fail(`a comparison (${SLO_OPERATORS.join(', ')})`);
    pos += operator!.length;
    skip();
    const number = take(NUMBER);
    if (number === null) fail('a number');
    // Own keys only: `constructor` or `__proto__` must not find Object.prototype's members.
    const metric = Object.hasOwn(SLO_ALIASES, key!) ? SLO_ALIASES[key!]! : key!;
    clauses.push({ key: key!, metric, operator: operator!, threshold: Number(number) });
    skip();
    if (pos >= text.length) break;
    if (take(AND) === null) fail('"and" or the end of the SLO');
    skip();
  }
  return { text, clauses };
}

/** The canonical text of an SLO: clauses as written, single spaces, joined by ` and `. */
export function formatSlo(slo: Slo): string {
  return slo.clauses.map((c) => `${c.key} ${c.operator} ${String(c.threshold)}`).join(' and ');
}

/**
 * Metrics that are null in a run where they cannot be measured (availability when no VM ran):
 * such a run does not meet any goal on them. Other nulls (costUsd without prices) are a wrong key.
 */
const UNDEFINED_IN_SOME_RUNS = new Set(['availability']);

export interface SloVerdict {
  holds: boolean;
  /** The value of each metric the SLO reads, by summary path. */
  values: Record<string, number>;
}

/**
 * Checks an SLO against a run summary. A metric missing from the summary (or null there, as
 * costUsd is when host models give no cost) is an InputError listing the valid keys.
 */
export function evaluateSlo(slo: Slo, summary: object): SloVerdict {
  const values: Record<string, number> = {};
  let holds = true;
  for (const clause of slo.clauses) {
    const value = metricValue(summary, clause.metric);
    if (value === null && UNDEFINED_IN_SOME_RUNS.has(clause.metric)) {
      holds = false;
      continue;
    }
    if (typeof value !== 'number') {
      const why = value === null ? 'has no value in this run' : 'is not a metric of the run summary';
      throw new InputError(`"${clause.key}" ${why}; valid: ${sloKeys(summary).join(', ')}`, { field: 'slo' });
    }
    values[clause.metric] = value;
    if (!compare(value, clause.operator, clause.threshold)) holds = false;
  }
  return { holds, values };
}

function compare(value: number, operator: SloOperator, threshold: number): boolean {
  switch (operator) {
    case '<=':
      return value <= threshold;
    case '>=':
      return value >= threshold;
    case '<':
      return value < threshold;
    case '>':
      return value > threshold;
    case '==':
      return value === threshold;
  }
}

/** The value at a dotted path; undefined when a part is missing or the path ends at an object. */
export function metricValue(summary: object, path: string): unknown {
  let node: unknown = summary;
  for (const part of path.split('.')) {
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, part)) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node !== null && typeof node === 'object' ? undefined : node;
}

/**
 * Every numeric key an SLO can name on this summary (paths with dots, and aliases), sorted.
 * Per-code counters such as `warnings.<code>` are left out: they exist only in some runs.
 */
export function sloKeys(summary: object): string[] {
  const keys: string[] = [];
  const walk = (node: object, prefix: string) => {
    for (const [name, value] of Object.entries(node)) {
      if (typeof value === 'number') keys.push(prefix + name);
      else if (value !== null && typeof value === 'object') walk(value as object, `${prefix}${name}.`);
    }
  };
  walk(summary, '');
  const usable = keys.filter((key) => !/^(warnings|unplacedReasons)\./.test(key));
  for (const [alias, path] of Object.entries(SLO_ALIASES)) if (usable.includes(path)) usable.push(alias);
  return usable.sort();
}

/** Whether judging the SLO needs the disk and network replay (a clause reads disk.* or network.*). */
export function sloReadsIo(slo: Slo): boolean {
  return slo.clauses.some((clause) => clause.metric.startsWith('disk.') || clause.metric.startsWith('network.'));
}
