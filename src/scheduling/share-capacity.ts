/**
 * Shares one host's capacity among its consumers (VMs, containers) by weighted max-min
 * fairness with guarantees and caps - the one rule for both fixed and elastic VMs:
 *
 * - consumer i wants w_i = min(demand_i, cap_i);
 * - it is first given its guarantee g_i = min(w_i, floor_i); if the guarantees alone exceed
 *   capacity (only when placement overbooked them) they are scaled down in proportion;
 * - what is left is water-filled by weight: each gets min(w_i - g_i, lambda x weight_i) more,
 *   with lambda the largest level that fits.
 *
 * Fixed-size VMs are floor = 0, cap = size, weight = size (max-min weighted by requested size).
 * Elastic VMs are floor = min, cap = max, weight = burst share.
 *
 * The result is work-conserving (sum served = min(capacity, sum w_i) when some weight is > 0),
 * never gives anyone more than w_i, and never more than capacity in total.
 *
 * All arrays are read at [0, n); `served` is written. `scratch` needs n slots. Returns the total.
 */
export function shareCapacity(
  capacity: number,
  n: number,
  demand: ArrayLike<number>,
  floor: ArrayLike<number>,
  cap: ArrayLike<number>,
  weight: ArrayLike<number>,
  served: Float64Array,
  scratch: Int32Array,
): number {
  let guaranteed = 0;
  let wanted = 0;
  for (let i = 0; i < n; i++) {
    const want = Math.max(0, Math.min(demand[i]!, cap[i]!));
    const guarantee = Math.min(want, Math.max(0, floor[i]!));
    served[i] = guarantee;
    guaranteed += guarantee;
    wanted += want;
  }
  if (capacity <= 0) {
    for (let i = 0; i < n; i++) served[i] = 0;
    return 0;
  }
  if (guaranteed >= capacity) {
    const scale = capacity / guaranteed;
    for (let i = 0; i < n; i++) served[i] = served[i]! * scale;
    return capacity;
  }
  if (wanted <= capacity) {
    for (let i = 0; i < n; i++) served[i] = Math.max(0, Math.min(demand[i]!, cap[i]!));
    return wanted;
  }
  return guaranteed + waterFill(capacity - guaranteed, n, demand, cap, weight, served, scratch);
}

/** Gives `remaining` to the unmet wants by weight; returns what it gave. */
function waterFill(
  remaining: number,
  n: number,
  demand: ArrayLike<number>,
  cap: ArrayLike<number>,
  weight: ArrayLike<number>,
  served: Float64Array,
  order: Int32Array,
): number {
  let count = 0;
  let totalWeight = 0;
  for (let i = 0; i < n; i++) {
    const need = Math.max(0, Math.min(demand[i]!, cap[i]!)) - served[i]!;
    if (need > 0 && weight[i]! > 0) {
      order[count++] = i;
      totalWeight += weight[i]!;
    }
  }
  // Insertion sort by need per unit of weight: hosts hold few consumers, and it allocates nothing.
  for (let a = 1; a < count; a++) {
    const item = order[a]!;
    const key = needPerWeight(item, demand, cap, weight, served);
    let b = a - 1;
    while (b >= 0 && needPerWeight(order[b]!, demand, cap, weight, served) > key) {
      order[b + 1] = order[b]!;
      b--;
    }
    order[b + 1] = item;
  }
  const start = remaining;
  for (let a = 0; a < count; a++) {
    const i = order[a]!;
    const need = Math.min(demand[i]!, cap[i]!) - served[i]!;
    const fairShare = (remaining * weight[i]!) / totalWeight;
    if (need <= fairShare) {
      served[i] = served[i]! + need;
      remaining -= need;
      totalWeight -= weight[i]!;
    } else {
      const level = remaining / totalWeight;
      for (let c = a; c < count; c++) {
        const j = order[c]!;
        served[j] = served[j]! + level * weight[j]!;
      }
      remaining = 0;
      break;
    }
  }
  return start - remaining;
}

function needPerWeight(
  i: number,
  demand: ArrayLike<number>,
  cap: ArrayLike<number>,
  weight: ArrayLike<number>,
  served: Float64Array,
): number {
  return (Math.min(demand[i]!, cap[i]!) - served[i]!) / weight[i]!;
}
