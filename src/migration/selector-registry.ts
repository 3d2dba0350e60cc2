import { InputError } from '../common/input-error.js';
import { maximumCorrelation } from './selectors/mc.js';
import { minimumMigrationTime } from './selectors/mmt.js';
import { minimumUtilization } from './selectors/mu.js';
import { randomSelection } from './selectors/rs.js';
import type { VmSelector } from './vm-selector.js';

const SELECTORS = new Map<string, VmSelector>([minimumMigrationTime, maximumCorrelation, minimumUtilization, randomSelection].map((s) => [s.name, s]));

/** Registered selection policy names, in registration order. */
export function vmSelectorNames(): string[] {
  return [...SELECTORS.keys()];
}

export function vmSelector(name: string, where: { file?: string; field?: string } = {}): VmSelector {
  const selector = SELECTORS.get(name);
  if (selector) return selector;
  throw new InputError(`unknown VM selection policy "${name}"; valid: ${[...SELECTORS.keys()].join(', ')}`, where);
}
