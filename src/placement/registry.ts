import { InputError } from '../common/input-error.js';
import type { PlacementPolicy } from './placement-policy.js';
import { balancedIo } from './policies/balanced-io.js';
import { balanced } from './policies/balanced.js';
import { bestFitDecreasing } from './policies/best-fit-decreasing.js';
import { bestFit } from './policies/best-fit.js';
import { firstFitDecreasing } from './policies/first-fit-decreasing.js';
import { firstFit } from './policies/first-fit.js';
import { powerAwareBestFitDecreasing } from './policies/power-aware-best-fit-decreasing.js';
import { worstFit } from './policies/worst-fit.js';

const POLICIES: ReadonlyMap<string, PlacementPolicy> = new Map(
  [firstFit, firstFitDecreasing, bestFit, bestFitDecreasing, worstFit, balanced, balancedIo, powerAwareBestFitDecreasing].map((p) => [p.name, p]),
);

/** Built-in names, sorted; with `plugins`, theirs too. */
export function placementPolicyNames(plugins?: ReadonlyMap<string, PlacementPolicy>): string[] {
  return [...POLICIES.keys(), ...(plugins?.keys() ?? [])].sort();
}

/** A built-in policy, or one of `plugins` (a run's plug-ins, passed through, never registered). */
export function placementPolicy(name: string, where: { file?: string; field?: string } = {}, plugins?: ReadonlyMap<string, PlacementPolicy>): PlacementPolicy {
  const policy = POLICIES.get(name) ?? plugins?.get(name);
  if (policy) return policy;
  throw new InputError(`unknown placement policy "${name}"; valid: ${placementPolicyNames(plugins).join(', ')}`, where);
}
