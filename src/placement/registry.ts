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

export function placementPolicyNames(): string[] {
  return [...POLICIES.keys()].sort();
}

export function placementPolicy(name: string, where: { file?: string; field?: string } = {}): PlacementPolicy {
  const policy = POLICIES.get(name);
  if (policy) return policy;
  throw new InputError(`unknown placement policy "${name}"; valid: ${placementPolicyNames().join(', ')}`, where);
}
