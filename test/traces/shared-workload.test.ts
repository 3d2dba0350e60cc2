import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { loadScenario } from '../../src/scenario/load-scenario.js';
import { loadSharedWorkloads } from '../../src/scenario/shared-workloads.js';
import { describe, expect, it } from 'vitest';
import { shareWorkload } from '../../src/traces/shared-workload.js';
import { synthesizeWorkload } from '../../src/traces/synthetic-workload.js';

describe('a workload on shared memory', () => {
  const workload = synthesizeWorkload({ vms: 20, days: 1, seed: 5 });
  const shared = shareWorkload(workload);

  it('holds the same values, every array on a SharedArrayBuffer', () => {
    for (const key of ['cores', 'cpuCapacityMhz', 'memoryMiB', 'gpus', 'endAtMs', 'sampleStart', 'sampleAtMs', 'sampleCpuMhz', 'sampleMemoryMiB'] as const) {
      expect(shared[key].buffer, key).toBeInstanceOf(SharedArrayBuffer);
      expect(Array.from(shared[key]), key).toEqual(Array.from(workload[key]));
    }
    expect(shared.vmIds).toEqual(workload.vmIds);
    expect(workload.sampleCpuMhz.buffer).not.toBeInstanceOf(SharedArrayBuffer);
  });

  it('is shared with a worker thread, not copied: a write there is seen here', async () => {
    const copy = shareWorkload(workload);
    const worker = new Worker('const { workerData, parentPort } = require("node:worker_threads"); workerData.sampleCpuMhz[3] = 12345; parentPort.postMessage(workerData.sampleAtMs[1]);', {
      eval: true,
      workerData: copy,
    });
    const seen = await new Promise<number>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    await worker.terminate();
    expect(seen).toBe(workload.sampleAtMs[1]);
    expect(copy.sampleCpuMhz[3]).toBe(12345);
    expect(workload.sampleCpuMhz[3]).not.toBe(12345);
  });

  it('comes on shared memory whether parsed (copied once) or read from the cache (read there directly)', async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'rackplan-shared-'));
    try {
      const scenario = loadScenario('default');
      const [first] = [...(await loadSharedWorkloads([scenario], cacheDir)).values()];
      const [second] = [...(await loadSharedWorkloads([scenario], cacheDir)).values()];
      for (const w of [first!, second!]) {
        expect(w.sampleCpuMhz.buffer).toBeInstanceOf(SharedArrayBuffer);
        expect(w.sampleAtMs.buffer).toBeInstanceOf(SharedArrayBuffer);
      }
      expect(Array.from(second!.sampleCpuMhz)).toEqual(Array.from(first!.sampleCpuMhz));
      expect(second!.vmIds).toEqual(first!.vmIds);
    } finally {
      rmSync(cacheDir, { recursive: true, force: true });
    }
  });
});
