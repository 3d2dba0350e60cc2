import { demandAt, type ServiceDemand } from './service-demand.js';
import type { HorizontalSettings, InstanceSpan } from './scaling-rule.js';

/**
 * The scale-out controller of one service, run ahead of the replay over the service's demand
 * (like an autoscaler on request rate: it reads offered demand, not what the hosts served, so
 * its decisions do not depend on placement). Every `evaluationMs` from the service's start it
 * computes utilization = demand / (serving instances x instance size):
 * - above `scaleOutAbove` at every evaluation for `windowMs`: start enough instances that the
 *   serving and booting ones together would run at most at `scaleOutAbove` (at least one);
 * - below `scaleInBelow` for `windowMs`, nothing booting: retire the newest serving instance;
 * - neither within `cooldownMs` of the previous action, nor beyond min/max instances.
 * The first instances start with the service and serve at once (deployed before its traffic);
 * every later one is placed when started and serves `bootMs` later. Pure.
 */
export function horizontalInstances(d: ServiceDemand, s: number, h: HorizontalSettings): { instances: InstanceSpan[]; boots: number } {
  const startMs = d.startAtMs[s]!;
  const endMs = d.endAtMs[s]!;
  const size = h.instanceMhz;
  const wanted = (demand: number) => Math.ceil(demand / (size * h.scaleOutAbove) - 1e-9);
  const initial = clamp(wanted(demandAt(d, s, startMs)), h.minInstances, h.maxInstances);
  const instances: InstanceSpan[] = Array.from({ length: initial }, () => ({ arriveMs: startMs, serveMs: startMs, leaveMs: endMs }));
  let boots = 0;
  let lastActionMs = Number.NEGATIVE_INFINITY;
  let aboveSinceMs = Number.NaN;
  let belowSinceMs = Number.NaN;
  for (let t = startMs + h.evaluationMs; t < endMs; t += h.evaluationMs) {
    let serving = 0;
    let booting = 0;
    for (const i of instances) {
      if (i.leaveMs <= t) continue;
      if (i.serveMs <= t) serving++;
      else booting++;
    }
    const demand = demandAt(d, s, t);
    const utilization = demand / (serving * size);
    aboveSinceMs = utilization > h.scaleOutAbove ? (Number.isNaN(aboveSinceMs) ? t : aboveSinceMs) : Number.NaN;
    belowSinceMs = utilization < h.scaleInBelow ? (Number.isNaN(belowSinceMs) ? t : belowSinceMs) : Number.NaN;
    if (t - lastActionMs < h.cooldownMs) continue;
    const running = serving + booting;
    if (t - aboveSinceMs >= h.windowMs && running < h.maxInstances) {
      const add = clamp(wanted(demand) - running, 1, h.maxInstances - running);
      for (let k = 0; k < add; k++) instances.push({ arriveMs: t, serveMs: t + h.bootMs, leaveMs: endMs });
      boots += add;
      lastActionMs = t;
    } else if (t - belowSinceMs >= h.windowMs && booting === 0 && serving > h.minInstances) {
      newestServing(instances, t).leaveMs = t;
      lastActionMs = t;
    }
  }
  return { instances, boots };
}

function newestServing(instances: InstanceSpan[], t: number): InstanceSpan {
  for (let i = instances.length - 1; i >= 0; i--) if (instances[i]!.serveMs <= t && instances[i]!.leaveMs > t) return instances[i]!;
  throw new Error('no serving instance to retire');
}

function clamp(n: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, n));
}
