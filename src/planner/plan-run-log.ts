import type { PlanFile, PlanRunRecord } from './plan-result.js';

/** Every run of a plan with the files it read; answers per-count questions. */
export class PlanRunLog {
  private readonly byKey = new Map<string, PlanRunRecord>();
  private readonly filesByPath = new Map<string, PlanFile>();

  add(record: PlanRunRecord, files: readonly PlanFile[]): void {
    this.byKey.set(record.key, record);
    for (const file of files) this.filesByPath.set(`${file.role}\u0000${file.path}`, file);
  }

  /**
   * The runs of one candidate at one growth factor, failure setting, placement and count, by
   * seed: sums over them do not depend on the order in which runs finished.
   */
  at(candidate: string, growth: number, failures: string, placement: string, hosts: number): PlanRunRecord[] {
    return [...this.byKey.values()]
      .filter((r) => r.candidate === candidate && r.growth === growth && r.failures === failures && r.placement === placement && r.hosts === hosts)
      .sort((a, b) => a.seed - b.seed || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  records(candidateOrder: readonly string[]): PlanRunRecord[] {
    return sortRecords([...this.byKey.values()], candidateOrder);
  }

  /** Every input file, by role then path. */
  files(): PlanFile[] {
    return [...this.filesByPath.values()].sort((a, b) => (a.role < b.role ? -1 : a.role > b.role ? 1 : a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }
}

/** The `failures` label of a run: `none`, else the model and/or trace file it used. */
export function failuresLabel(failures: { model?: string; trace?: string } | null): string {
  if (!failures || (!failures.model && !failures.trace)) return 'none';
  return [failures.model, failures.trace].filter(Boolean).join(' + ');
}

/** Records in plan order: by the given candidate order, growth, failures label, hosts, seed. */
export function sortRecords(records: PlanRunRecord[], candidateOrder: readonly string[]): PlanRunRecord[] {
  const rank = new Map(candidateOrder.map((id, i) => [id, i]));
  return records.sort(
    (a, b) =>
      (rank.get(a.candidate) ?? 0) - (rank.get(b.candidate) ?? 0) ||
      a.growth - b.growth ||
      cmp(a.placement, b.placement) ||
      cmp(a.failures, b.failures) ||
      a.hosts - b.hosts ||
      a.seed - b.seed ||
      cmp(a.key, b.key),
  );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
