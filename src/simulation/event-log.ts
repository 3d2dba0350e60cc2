/** Where event-log text goes (a file, an array in tests); called with whole lines. */
export interface EventSink {
  write(text: string): void;
}

/** Lines are handed to the sink in chunks of about this many characters. */
const CHUNK_CHARS = 1 << 16;

/**
 * The audit trail of a run: one line per decision or state change, in simulated-time order
 * (same-time lines in the order they happened). A line is the time in seconds with 3 decimals,
 * the event kind, then key=value fields that name hosts and VMs by their ids:
 *
 *     600.000 migration-start vm=web host=h0 to=h1 ends=608.192
 *
 * `share` lines appear whenever what a VM is served changes (a sample, contention, a migration's
 * degradation, a boot). The log is opt-in: modules hold null when it is off, so a run without it
 * pays one null check per sample.
 */
export class EventLog {
  private buffer = '';

  constructor(
    private readonly sink: EventSink,
    private readonly hostIds: readonly string[],
    private readonly vmIds: readonly string[],
  ) {}

  /** One line: `fields` is already formatted ("vm=a host=h0"). */
  line(atMs: number, kind: string, fields: string): void {
    this.buffer += `${seconds(atMs)} ${kind}${fields ? ' ' : ''}${fields}\n`;
    if (this.buffer.length >= CHUNK_CHARS) this.flush();
  }

  vmEvent(atMs: number, kind: string, vm: number, more = ''): void {
    this.line(atMs, kind, `vm=${this.vmIds[vm]}${more}`);
  }

  vmHostEvent(atMs: number, kind: string, vm: number, host: number, more = ''): void {
    this.line(atMs, kind, `vm=${this.vmIds[vm]} host=${this.hostIds[host]}${more}`);
  }

  hostEvent(atMs: number, kind: string, host: number, more = ''): void {
    this.line(atMs, kind, `host=${this.hostIds[host]}${more}`);
  }

  share(atMs: number, vm: number, host: number, demandMhz: number, servedMhz: number): void {
    this.line(atMs, 'share', `vm=${this.vmIds[vm]} host=${this.hostIds[host]} demand=${mhz(demandMhz)} served=${mhz(servedMhz)}`);
  }

  hostId(host: number): string {
    return this.hostIds[host]!;
  }

  vmId(vm: number): string {
    return this.vmIds[vm]!;
  }

  flush(): void {
    if (this.buffer.length === 0) return;
    this.sink.write(this.buffer);
    this.buffer = '';
  }
}

/** Simulated time in seconds, 3 decimals (the clock is integer milliseconds). */
export function seconds(atMs: number): string {
  return (atMs / 1000).toFixed(3);
}

/** A rate rounded to 3 decimals, without trailing zeros (500, 450.5, 0.333). */
export function mhz(value: number): string {
  const rounded = Math.round(value * 1000) / 1000;
  return Object.is(rounded, -0) ? '0' : String(rounded);
}

/** A sink that keeps the text in memory (tests, small runs). */
export class TextSink implements EventSink {
  private readonly parts: string[] = [];
  write(text: string): void {
    this.parts.push(text);
  }
  get text(): string {
    return this.parts.join('');
  }
}
