import { InputError } from '../common/input-error.js';
import { maximumCorrelation } from './selectors/mc.js';
import { minimumMigrationTime } from './selectors/mmt.js';
import { minimumUtilization } from './selectors/mu.js';
import { randomSelection } from './selectors/rs.js';
import type { VmSelector } from './vm-selector.js';

const SELECTORS = new Map<string, VmSelector>([minimumMigrationTime, maximumCorrelation, minimumUtilization, randomSelection].map((s) => [s.name, s]));

/** Registered selection policy names, in registration order; with `plugins`, theirs after. */
export function vmSelectorNames(plugins?: ReadonlyMap<string, VmSelector>): string[] {
  return [...SELECTORS.keys(), ...(plugins?.keys() ?? [])];
}

/** A built-in selector, or one of `plugins` (a run's plug-ins, passed through). */
export function vmSelector(name: string, where: { file?: string; field?: string } = {}, plugins?: ReadonlyMap<string, VmSelector>): VmSelector {
  const selector = SELECTORS.get(name) ?? plugins?.get(name);
  if (selector) return selector;
  throw new InputError(`unknown VM selection policy "${name}"; valid: ${vmSelectorNames(plugins).join(', ')}`, where);
}
