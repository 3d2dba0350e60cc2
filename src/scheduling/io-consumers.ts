/**
 * The consumers of one resource on one host, as a struct of arrays the caller fills (`count`
 * rows). A row is either a VM's stay on the host (`streamMBps` NaN: its rate follows the VM's
 * samples) or a constant stream such as a migration copy (`streamMBps` its rate). Each is
 * present over [fromMs, toMs), already clipped to the run and, for stays, to the VM's end.
 */
export class IoConsumers {
  count = 0;
  vm = new Int32Array(16);
  fromMs = new Float64Array(16);
  toMs = new Float64Array(16);
  streamMBps = new Float64Array(16);
  floorMBps = new Float64Array(16);
  capMBps = new Float64Array(16);
  weight = new Float64Array(16);

  clear(): void {
    this.count = 0;
  }

  /** Adds a row with no floor, no cap and weight 1 (see applySharing). */
  add(vm: number, fromMs: number, toMs: number, streamMBps: number, floorMBps = 0, capMBps = Infinity, weight = 1): void {
    if (this.count === this.vm.length) this.grow();
    const i = this.count++;
    this.vm[i] = vm;
    this.fromMs[i] = fromMs;
    this.toMs[i] = toMs;
    this.streamMBps[i] = streamMBps;
    this.floorMBps[i] = floorMBps;
    this.capMBps[i] = capMBps;
    this.weight[i] = weight;
  }

  private grow(): void {
    const size = this.vm.length * 2;
    const f64 = (a: Float64Array) => {
      const b = new Float64Array(size);
      b.set(a);
      return b;
    };
    const vm = new Int32Array(size);
    vm.set(this.vm);
    this.vm = vm;
    this.fromMs = f64(this.fromMs);
    this.toMs = f64(this.toMs);
    this.streamMBps = f64(this.streamMBps);
    this.floorMBps = f64(this.floorMBps);
    this.capMBps = f64(this.capMBps);
    this.weight = f64(this.weight);
  }
}
