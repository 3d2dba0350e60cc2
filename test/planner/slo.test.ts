import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/common/input-error.js';
import { evaluateSlo, formatSlo, parseSlo, sloKeys, SLO_OPERATORS, type SloClause } from '../../src/planner/slo.js';

const summary = {
  simulatedSeconds: 3600,
  cpu: { unmetFraction: 0.0005, utilizationPeak: 0.8 },
  energyKWh: 12,
  costUsd: null,
  warnings: { 'duplicate-timestamp': 2 },
};

function parseError(text: string): InputError {
  try {
    parseSlo(text);
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return error as InputError;
  }
  throw new Error(`expected "${text}" not to parse`);
}

const segment = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,8}$/).filter((s) => s.toLowerCase() !== 'and');
const key = fc.array(segment, { minLength: 1, maxLength: 3 }).map((parts) => parts.join('.'));
const clause = fc.record({
  key,
  operator: fc.constantFrom(...SLO_OPERATORS),
  threshold: fc.double({ noNaN: true, noDefaultInfinity: true }).map((x) => (Object.is(x, -0) ? 0 : x)),
});
const space = fc.constantFrom('', ' ', '  ', '\t');

describe('SLO expressions', () => {
  it('parse comparisons joined by and, resolving the unmetFraction shorthand', () => {
    expect(parseSlo('unmetFraction<=0.001 and cpu.utilizationPeak < 9e-1 AND energyKWh>=-2').clauses).toEqual([
      { key: 'unmetFraction', metric: 'cpu.unmetFraction', operator: '<=', threshold: 0.001 },
      { key: 'cpu.utilizationPeak', metric: 'cpu.utilizationPeak', operator: '<', threshold: 0.9 },
      { key: 'energyKWh', metric: 'energyKWh', operator: '>=', threshold: -2 },
    ]);
  });

  it('round-trip: formatting with any spacing and parsing again gives the same clauses', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(clause, space, space, space), { minLength: 1, maxLength: 4 }), space, (parts, lead) => {
        const text = lead + parts.map(([c, a, b, d]) => `${c.key}${a}${c.operator}${b}${String(c.threshold)}${d}`).join(' and ');
        const parsed = parseSlo(text);
        expect(parsed.clauses.map(({ key: k, operator, threshold }) => ({ key: k, operator, threshold }))).toEqual(parts.map(([c]) => c));
        expect(parseSlo(formatSlo(parsed)).clauses).toEqual(parsed.clauses);
      }),
    );
  });

  it('any text either parses or fails with one line naming a column inside it', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (text) => {
        let parsed: SloClause[] | null = null;
        try {
          parsed = parseSlo(text).clauses;
        } catch (error) {
          expect(error).toBeInstanceOf(InputError);
          const message = (error as InputError).message;
          expect(message).not.toMatch(/\n/);
          const column = Number(/at column (\d+)/.exec(message)?.[1]);
          expect(column).toBeGreaterThanOrEqual(1);
          expect(column).toBeLessThanOrEqual(text.length + 1);
        }
        if (parsed) expect(parsed.length).toBeGreaterThan(0);
      }),
    );
  });

  it.each([
    ['', 1, /expected a metric name .* found the end/],
    ['unmetFraction 0.1', 15, /expected a comparison \(<=, >=, ==, <, >\) at column 15, found "0.1"/],
    ['unmetFraction<=', 16, /expected a number at column 16, found the end/],
    ['unmetFraction<=abc', 16, /expected a number at column 16, found "abc"/],
    ['a<1 or b>2', 5, /expected "and" or the end of the SLO at column 5, found "or b>2"/],
    ['a<1 and', 8, /expected a metric name .* at column 8, found the end/],
    ['a<1 and and b<2', 9, /expected a metric name .* at column 9/],
    ['a<1 andb<2', 5, /expected "and" or the end/],
    ['a=1', 2, /expected a comparison/],
  ])('%j fails at column %i', (text, column, message) => {
    const error = parseError(text);
    expect(error.field).toBe('slo');
    expect(error.message).toMatch(message);
    expect(error.message).toContain(`at column ${column},`);
  });

  it('evaluates every clause against a summary and reports the values read', () => {
    expect(evaluateSlo(parseSlo('unmetFraction<=0.001 and energyKWh<12.5'), summary)).toEqual({
      holds: true,
      values: { 'cpu.unmetFraction': 0.0005, energyKWh: 12 },
    });
    expect(evaluateSlo(parseSlo('unmetFraction<=0.001 and cpu.utilizationPeak<0.8'), summary).holds).toBe(false);
    expect(evaluateSlo(parseSlo('energyKWh==12'), summary).holds).toBe(true);
    expect(evaluateSlo(parseSlo('energyKWh>12'), summary).holds).toBe(false);
  });

  it('names a missing or valueless metric and lists the valid keys', () => {
    const missing = () => evaluateSlo(parseSlo('availability>=0.9995'), summary);
    expect(missing).toThrow(InputError);
    expect(missing).toThrow('slo: "availability" is not a metric of the run summary; valid: cpu.unmetFraction, cpu.utilizationPeak, energyKWh, simulatedSeconds, unmetFraction');
    expect(() => evaluateSlo(parseSlo('cpu<1'), summary)).toThrow(/"cpu" is not a metric/);
    expect(() => evaluateSlo(parseSlo('costUsd<=100'), summary)).toThrow(/"costUsd" has no value in this run/);
    expect(sloKeys(summary)).not.toContain('warnings.duplicate-timestamp');
  });

  it.each(['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf'])('an SLO on "%s" is an InputError, not a TypeError from Object.prototype', (key) => {
    const slo = parseSlo(`${key}<1`);
    expect(slo.clauses[0]!.metric).toBe(key);
    expect(() => evaluateSlo(slo, summary)).toThrow(`slo: "${key}" is not a metric of the run summary`);
  });

  it('an undefined availability (no VM ran) never meets a goal on it', () => {
    const nothingRan = { ...summary, availability: null };
    expect(evaluateSlo(parseSlo('availability>=0.9995'), nothingRan).holds).toBe(false);
    expect(evaluateSlo(parseSlo('availability<=1'), nothingRan).holds).toBe(false);
    expect(evaluateSlo(parseSlo('energyKWh==12'), nothingRan).holds).toBe(true);
  });
});
