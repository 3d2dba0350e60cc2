import seedrandom from 'seedrandom';

/**
 * A seeded random stream (seedrandom's alea generator, 3-6x faster than its default). Every
 * component takes its own stream by label, `root.fork('failures')`, so adding a component never
 * shifts another's draws.
 */
export class RandomStream {
  readonly seedLabel: string;
  private readonly generator: () => number;

  constructor(seed: number | string, label = 'root') {
    this.seedLabel = `${seed}/${label}`;
    this.generator = seedrandom.alea(this.seedLabel);
  }

  /** A new independent stream for a component, determined by this stream's seed and the label. */
  fork(label: string): RandomStream {
    return new RandomStream(this.seedLabel, label);
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.generator();
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.generator() * n);
  }
}
