/** A display unit for a quantity: values are divided by `divisor` before drawing. */
export interface DisplayUnit {
  name: string;
  divisor: number;
}

/** CPU rates: MHz below 20,000 MHz at the peak, GHz above. */
export function cpuUnit(peakMhz: number): DisplayUnit {
  return peakMhz >= 20_000 ? { name: 'GHz', divisor: 1000 } : { name: 'MHz', divisor: 1 };
}

/** Power: W below 10 kW at the peak, kW above. */
export function powerUnit(peakW: number): DisplayUnit {
  return peakW >= 10_000 ? { name: 'kW', divisor: 1000 } : { name: 'W', divisor: 1 };
}

export function scaled(values: ArrayLike<number>, unit: DisplayUnit): Float64Array {
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = values[i]! / unit.divisor;
  return out;
}

export function peak(values: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < values.length; i++) if (values[i]! > m) m = values[i]!;
  return m;
}
