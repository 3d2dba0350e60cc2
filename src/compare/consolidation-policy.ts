import { InputError } from '../common/input-error.js';
import { overloadDetectorNames } from '../migration/detector-registry.js';
import { vmSelectorNames } from '../migration/selector-registry.js';
import { ScenarioSpecSchema } from '../scenario/scenario-spec.js';
import type { ConsolidationSpec } from '../scenario/simulation-settings-of.js';

export type { ConsolidationSpec } from '../scenario/simulation-settings-of.js';

/** The name of "no dynamic consolidation": VMs stay where placement put them. */
export const NO_CONSOLIDATION = 'none';

/**
 * A dynamic-consolidation policy by name, as the classic PlanetLab scenarios are named:
 * `<detector>-<selection>-<safety>` (`lr-mmt-1.2`, `thr-mmt-0.8`), or `none`. The rest of the
 * block (interval 300 s, fallback threshold 0.7, underload evacuation, 30 rounds of history)
 * takes the defaults of a scenario file's `consolidation`. Unknown names fail with the valid ones.
 */
export function parseConsolidationPolicy(name: string, where: { file?: string; field?: string } = {}): ConsolidationSpec | null {
  if (name === NO_CONSOLIDATION) return null;
  const match = /^([a-z]+)-([a-z]+)-(\d+(?:\.\d+)?)$/.exec(name);
  if (!match) {
    throw new InputError(
      `unknown consolidation policy "${name}"; valid: ${NO_CONSOLIDATION}, or <detector>-<selection>-<safety> with detector ` +
        `${overloadDetectorNames().join('|')} and selection ${vmSelectorNames().join('|')} (e.g. lr-mmt-1.2, thr-mmt-0.8)`,
      where,
    );
  }
  const [, overload, selection, safetyText] = match as unknown as [string, string, string, string];
  const detail = (what: string, valid: string[]) =>
    new InputError(`unknown ${what} in consolidation policy "${name}"; valid: ${valid.join(', ')}`, where);
  if (!overloadDetectorNames().includes(overload)) throw detail(`overload detector "${overload}"`, overloadDetectorNames());
  if (!vmSelectorNames().includes(selection)) throw detail(`VM selection "${selection}"`, vmSelectorNames());
  const safety = Number(safetyText);
  if (!(safety > 0)) throw new InputError(`consolidation policy "${name}": the safety parameter must be above 0`, where);
  return ScenarioSpecSchema.shape.consolidation.unwrap().parse({ overload, selection, safety });
}

/** `lr-mmt-1.2` for a block, `none` for null: the policy's name as parseConsolidationPolicy reads it. */
export function consolidationPolicyName(spec: ConsolidationSpec | null): string {
  return spec ? `${spec.overload}-${spec.selection}-${spec.safety}` : NO_CONSOLIDATION;
}
