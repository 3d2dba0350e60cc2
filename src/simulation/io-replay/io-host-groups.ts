import type { Assignment, MigrationRecord } from '../run-record.js';

/**
 * A run's stays and migrations grouped by host (compressed rows): host h's stays are
 * `stays[stayStart[h] .. stayStart[h + 1])` (indices into `assignments`, in their order), its
 * migrations - as source or destination - `migrations[migrationStart[h] .. migrationStart[h + 1])`.
 */
export interface IoHostGroups {
  stayStart: Int32Array;
  stays: Int32Array;
  migrationStart: Int32Array;
  migrations: Int32Array;
}

export function groupByHost(hostCount: number, assignments: readonly Assignment[], migrationLog: readonly MigrationRecord[]): IoHostGroups {
  const stayStart = new Int32Array(hostCount + 1);
  for (const stay of assignments) stayStart[stay.host + 1]!++;
  prefixSum(stayStart);
  const stays = new Int32Array(assignments.length);
  const stayFill = stayStart.slice(0, hostCount);
  assignments.forEach((stay, i) => (stays[stayFill[stay.host]!++] = i));

  const migrationStart = new Int32Array(hostCount + 1);
  for (const m of migrationLog) {
    migrationStart[m.from + 1]!++;
    if (m.to !== m.from) migrationStart[m.to + 1]!++;
  }
  prefixSum(migrationStart);
  const migrations = new Int32Array(migrationStart[hostCount]!);
  const migrationFill = migrationStart.slice(0, hostCount);
  migrationLog.forEach((m, i) => {
    migrations[migrationFill[m.from]!++] = i;
    if (m.to !== m.from) migrations[migrationFill[m.to]!++] = i;
  });
  return { stayStart, stays, migrationStart, migrations };
}

function prefixSum(a: Int32Array): void {
  for (let i = 1; i < a.length; i++) a[i] = a[i]! + a[i - 1]!;
}
