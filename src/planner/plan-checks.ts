import { InputError } from '../common/input-error.js';

/** Growth factors: numbers > 0, no duplicates, ascending. */
export function checkGrowth(factors: readonly number[], field = 'growth'): number[] {
  if (factors.length === 0) throw new InputError('give at least one growth factor', { field });
  for (const f of factors) if (!(Number.isFinite(f) && f > 0)) throw new InputError(`growth factors must be numbers > 0, found ${f}`, { field });
  const sorted = [...new Set(factors)].sort((a, b) => a - b);
  if (sorted.length !== factors.length) throw new InputError(`growth factors repeat: ${factors.join(', ')}`, { field });
  return sorted;
}

export function checkInteger(value: number, min: number, max: number, field: string): number {
  if (!Number.isInteger(value) || value < min || value > max) throw new InputError(`expected a whole number from ${min} to ${max}, found ${value}`, { field });
  return value;
}

/** A fraction in (0, 1]. */
export function checkFraction(value: number, field: string, allowZero = false): number {
  const ok = Number.isFinite(value) && value <= 1 && (allowZero ? value >= 0 : value > 0);
  if (!ok) throw new InputError(`expected a fraction ${allowZero ? 'from 0' : 'above 0'} up to 1, found ${value}`, { field });
  return value;
}
