import { join } from 'node:path';
import type { ResolvedScenario } from '../scenario/load-scenario.js';
import { loadDatacenter } from '../scenario/run-scenario.js';
import type { Catalog } from '../model/catalog.js';
import type { Datacenter } from '../model/datacenter.js';
import type { DataRoots } from './data-roots.js';
import type { FileChecksums } from './file-checksums.js';
import { runHash, runIdentity, type RunIdentity } from './run-identity.js';
import { RunStore } from './run-store.js';
import { JobRefusedError, resolveSweepJob, type SweepJob } from './sweep-job.js';

/** A queue job, resolved and checked: what to run and where to store it. */
export interface ResolvedJob {
  hash: string;
  identity: RunIdentity;
  scenario: ResolvedScenario;
  datacenter: Datacenter;
  store: RunStore;
}

/**
 * Reads a queue job inside this worker's data roots and recomputes its hash. Kept out of
 * sweep-run.ts so that a thread running planned runs never loads the scenario schema and the
 * topology and trace loaders: the planning process has already validated and loaded those.
 */
export function resolveJobTask(job: SweepJob, places: { roots: DataRoots; resultsRoot: string } | null, catalog: Catalog, checksums: FileChecksums): ResolvedJob {
  if (!places) throw new JobRefusedError('this executor has no data roots or results root');
  const scenario = resolveSweepJob(job, places.roots);
  const datacenter = loadDatacenter(scenario, catalog);
  // The job's hash is a claim; only the hash of what this worker will actually run counts.
  const identity = runIdentity(scenario, datacenter, catalog, checksums);
  const found = runHash(identity);
  if (found !== job.hash) {
    // Kept under the 200 characters an error line is cut to: both hashes must show whole.
    throw new JobRefusedError(`its content hashes to ${found}, not ${job.hash}: forged, or other data, models or version`);
  }
  return { hash: found, identity, scenario, datacenter, store: new RunStore(join(places.resultsRoot, job.folder)) };
}
