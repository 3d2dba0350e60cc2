import { fmtInt } from '../common/number-format.js';
import { InputError } from '../common/input-error.js';
import type { Catalog } from '../model/catalog.js';
import { hostPeakPowerW } from '../model/datacenter.js';
import { powerCurve } from '../model/power-curve.js';

/** Racks a capacity plan lays its hosts into (flags --rack-power, --rack-slots, --racks). */
export interface PlanRackLimits {
  /** Per-rack power budget, W; null: none. */
  powerBudgetW: number | null;
  /** Slots per rack; null: unlimited. */
  slots: number | null;
  /** Racks available; null: as many as the hosts need. */
  racks: number | null;
}

/** What the racks mean for one host model: how many fit a rack, and which limit sets that. */
export interface RackFit {
  /** Hosts of this model one rack holds: min(slots, floor(budget / peak power)). */
  hostsPerRack: number;
  /** The model's peak power (full load or boot, the higher), W. */
  peakPowerW: number;
  /** `power` when the budget holds fewer hosts than the slots, else `space`. */
  limit: 'power' | 'space';
}

/** The plan's answer against its racks, per host model and growth (plan.json `racks`). */
export interface PlanRackAnswer extends RackFit {
  /** Racks the smallest passing count needs (null: no count passed). */
  racksNeeded: number | null;
  racksAvailable: number | null;
  /** The passing count fits the racks available. */
  fits: boolean;
}

export function checkRackLimits(limits: PlanRackLimits): PlanRackLimits {
  if (limits.powerBudgetW === null && limits.slots === null && limits.racks !== null) {
    throw new InputError('--racks needs --rack-power <W> or --rack-slots <n>: a rack without limits holds any number of hosts', { field: '--racks' });
  }
  return limits;
}

export function rackFit(limits: PlanRackLimits, modelId: string, catalog: Catalog): RackFit {
  const model = catalog.hosts.get(modelId)!;
  const peakPowerW = hostPeakPowerW(model, powerCurve(model.power));
  const byPower = limits.powerBudgetW === null ? Number.POSITIVE_INFINITY : Math.floor(limits.powerBudgetW / peakPowerW + 1e-9);
  const bySlots = limits.slots ?? Number.POSITIVE_INFINITY;
  return { hostsPerRack: Math.min(byPower, bySlots), peakPowerW, limit: byPower < bySlots ? 'power' : 'space' };
}

export function rackAnswer(fit: RackFit, limits: PlanRackLimits, smallestPassing: number | null): PlanRackAnswer {
  const racksNeeded = smallestPassing === null || fit.hostsPerRack === 0 ? null : Math.ceil(smallestPassing / fit.hostsPerRack);
  const fits = racksNeeded !== null && (limits.racks === null || racksNeeded <= limits.racks);
  return { ...fit, racksNeeded, racksAvailable: limits.racks, fits };
}

/** "a 5 kW rack holds only 10 x model at peak power (457 W each)" and the like. */
export function rackHoldsWords(answer: RackFit, limits: PlanRackLimits, modelId: string): string {
  const rack = limits.powerBudgetW !== null ? `a ${kilowatts(limits.powerBudgetW)} rack` : `a ${fmtInt(limits.slots!)}-slot rack`;
  if (answer.limit === 'power') return `${rack} holds only ${fmtInt(answer.hostsPerRack)} x ${modelId} at peak power (${fmtInt(answer.peakPowerW)} W each)`;
  return `${rack} has ${fmtInt(answer.hostsPerRack)} slots`;
}

/** The clause a recommendation gets from the racks ('' without rack limits). */
export function rackClause(answer: PlanRackAnswer | undefined, limits: PlanRackLimits | null, modelId: string, hosts: number): string {
  if (!answer || !limits) return '';
  const racks = Math.ceil(hosts / answer.hostsPerRack);
  const holds = rackHoldsWords(answer, limits, modelId);
  if (racks <= 1) return ` They fit one rack: ${holds.replace(' only ', ' ')}.`;
  const what = answer.limit === 'power' ? 'rack power' : 'rack space';
  return ` They need ${fmtInt(racks)} racks: ${holds}, so ${what}, not servers, sets the rack count.`;
}

/**
 * Why a model that met the SLO has no answer: its hosts do not fit the racks available.
 * "the SLO held with 13 x m, but a 5 kW rack holds only 10 ... : 2 racks needed, 1 available;
 * adding hosts does not help: rack power is binding."
 */
export function rackBindingWords(answer: PlanRackAnswer, limits: PlanRackLimits, modelId: string, smallest: number | null): string {
  const what = answer.limit === 'power' ? 'rack power' : 'rack space';
  if (answer.hostsPerRack === 0) return `${rackHoldsWords(answer, limits, modelId).replace('holds only 0 x', 'cannot hold even one')}: ${what} is binding.`;
  return (
    `the SLO held with ${fmtInt(smallest!)} x ${modelId}, but ${rackHoldsWords(answer, limits, modelId)}: ` +
    `${fmtInt(answer.racksNeeded!)} racks needed, ${fmtInt(answer.racksAvailable!)} available; adding hosts does not help: ${what} is binding.`
  );
}

function kilowatts(watts: number): string {
  const kw = watts / 1000;
  return Number.isInteger(kw) ? `${fmtInt(kw)} kW` : `${fmtInt(watts)} W`;
}
