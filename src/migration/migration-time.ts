/**
 * How long a live migration takes. The simple model copies the VM's memory once over half of
 * the link: duration = memory / (bandwidth / 2). Pre-copy (Clark et al., NSDI 2005) copies
 * memory in rounds while the guest dirties pages: round i sends what round i-1 left dirty, until
 * what is left fits in the allowed downtime (or 30 rounds); the VM pauses for the last round.
 */
export interface MigrationCost {
  durationMs: number;
  downtimeMs: number;
  /** MiB sent over the network in all. */
  transferredMiB: number;
}

/** Gbit/s to MiB/s. */
export function gbpsToMiBps(gbps: number): number {
  return (gbps * 1e9) / 8 / 1_048_576;
}

export function simpleMigration(memoryMiB: number, bandwidthMiBps: number): MigrationCost {
  const seconds = memoryMiB / (bandwidthMiBps / 2);
  return { durationMs: Math.ceil(seconds * 1000), downtimeMs: 0, transferredMiB: memoryMiB };
}

const MAX_ROUNDS = 30;

export function preCopyMigration(memoryMiB: number, bandwidthMiBps: number, dirtyMiBps: number, maxDowntimeMs: number): MigrationCost {
  let toSend = memoryMiB;
  let totalSeconds = 0;
  let transferred = 0;
  const stopAt = (bandwidthMiBps * maxDowntimeMs) / 1000;
  for (let round = 0; round < MAX_ROUNDS && toSend > stopAt; round++) {
    const seconds = toSend / bandwidthMiBps;
    totalSeconds += seconds;
    transferred += toSend;
    const dirtied = Math.min(memoryMiB, dirtyMiBps * seconds);
    if (dirtied >= toSend) {
      toSend = dirtied; // not converging: stop and copy the rest while paused
      break;
    }
    toSend = dirtied;
  }
  const downtime = toSend / bandwidthMiBps;
  return {
    durationMs: Math.ceil((totalSeconds + downtime) * 1000),
    downtimeMs: Math.ceil(downtime * 1000),
    transferredMiB: transferred + toSend,
  };
}
