import type { ConformanceCase } from './conformance-case.js';

const GIB512 = 524_288;

export const alibabaMachinesCase: ConformanceCase = {
  name: 'alibaba-2018 (machines): machine_meta sizes, machine usage as VMs, unknown machine, -1 metric',
  format: 'alibaba-2018',
  fixture: 'alibaba-2018/machines',
  entry: '',
  expected: {
    originEpochMs: 0,
    // Earliest usage row is at 100 s: times below are relative to it.
    traceOriginMs: 100_000,
    vms: [
      // m_10: 64 cores x 2500 MHz; memory 50 of 100 x 512 GiB. cpu % and mem % of those.
      { id: 'm_10', cores: 64, cpuCapacityMhz: 160_000, memoryMiB: GIB512 / 2, endAtMs: 20_000,
        samples: [[0, 80_000, 0.4 * (GIB512 / 2)], [10_000, 40_000, 0.41 * (GIB512 / 2)]] },
      { id: 'm_2', cores: 96, cpuCapacityMhz: 240_000, memoryMiB: GIB512, endAtMs: 60_000,
        samples: [[0, 24_000, 0.2 * GIB512], [30_000, 48_000, 0.3 * GIB512]] },
    ],
    warnings: { 'missing-metric': 1, 'usage-unknown-entity': 1 },
    machines: { ids: ['m_1', 'm_2', 'm_10'], cores: [96, 96, 64], memoryMiB: [GIB512, GIB512, GIB512 / 2], gpus: [0, 0, 0] },
  },
  malformed: [
    { kind: 'truncated row', file: 'machine_usage.csv', line: 2, replace: 'm_10,110,25', expect: { file: 'machine_usage.csv', line: 2, field: 'mem_util_percent' } },
    { kind: 'wrong column count', file: 'machine_meta.csv', line: 1, replace: 'm_2,0,1,1,96,100,USING,x', expect: { file: 'machine_meta.csv', line: 1, field: 'row' } },
    { kind: 'non-numeric', file: 'machine_usage.csv', line: 3, replace: 'm_2,100,x,20,,,0,0,0', expect: { file: 'machine_usage.csv', line: 3, field: 'cpu_util_percent' } },
    { kind: 'negative', file: 'machine_usage.csv', line: 5, replace: 'm_2,130,20,-3,,,,,', expect: { file: 'machine_usage.csv', line: 5, field: 'mem_util_percent' } },
    { kind: 'unsorted', file: 'machine_usage.csv', line: 2, replace: 'm_10,90,25,41,,,1.5,2.5,3', expect: { file: 'machine_usage.csv', line: 2, field: 'time_stamp' } },
    { kind: 'empty trace', file: 'machine_usage.csv', content: '', expect: { file: 'machine_usage.csv', field: 'machine_id' } },
  ],
};

export const alibabaContainersCase: ConformanceCase = {
  name: 'alibaba-2018 (containers): container requests as sizes, usage as demand, a container without usage',
  format: 'alibaba-2018',
  fixture: 'alibaba-2018/containers',
  entry: '',
  expected: {
    originEpochMs: 0,
    traceOriginMs: 0,
    vms: [
      // cpu_request max(400, 800) / 100 = 8 cores; mem 1.5 of 100 x 512 GiB; usage % of the request.
      { id: 'c_1', cores: 8, cpuCapacityMhz: 20_000, memoryMiB: 0.015 * GIB512, endAtMs: 40_000,
        samples: [[0, 10_000, 0.8 * 0.015 * GIB512], [20_000, 20_000, 0.9 * 0.015 * GIB512]] },
      // No usage rows: its request from its only meta row (10 s) for the default 60 s.
      { id: 'c_2', cores: 1, cpuCapacityMhz: 2500, memoryMiB: 0.005 * GIB512, endAtMs: 70_000,
        samples: [[10_000, 2500, 0.005 * GIB512]] },
    ],
    warnings: { 'container-without-usage': 1 },
    machines: { ids: ['m_1'], cores: [96], memoryMiB: [GIB512], gpus: [0] },
  },
  malformed: [
    { kind: 'truncated row', file: 'container_usage.csv', line: 2, replace: 'c_1,m_1,20', expect: { file: 'container_usage.csv', line: 2, field: 'cpu_util_percent' } },
    { kind: 'wrong column count', file: 'container_meta.csv', line: 2, replace: 'c_2,m_1,10,app_2,allocated,100,200', expect: { file: 'container_meta.csv', line: 2, field: 'mem_size' } },
    { kind: 'non-numeric', file: 'container_meta.csv', line: 1, replace: 'c_1,m_1,0,app_1,started,four,800,1.5', expect: { file: 'container_meta.csv', line: 1, field: 'cpu_request' } },
    { kind: 'negative', file: 'container_usage.csv', line: 1, replace: 'c_1,m_1,0,-50,80,,,,,,', expect: { file: 'container_usage.csv', line: 1, field: 'cpu_util_percent' } },
    { kind: 'unsorted', file: 'container_usage.csv', line: 2, replace: 'c_1,m_1,0,100,90,,,,,,', expect: { file: 'container_usage.csv', line: 2, field: 'time_stamp' } },
  ],
};

export const alibabaGpuCase: ConformanceCase = {
  name: 'alibaba-gpu-2023: nodes as machines with GPUs, pods as VMs with requests',
  format: 'alibaba-gpu-2023',
  fixture: 'alibaba-gpu-2023',
  entry: '',
  expected: {
    originEpochMs: 0,
    traceOriginMs: 0,
    vms: [
      // 4000 millicores = 4 cores x 2500 MHz; 1 GPU x 500 milli = 0.5 GPU; demand = request.
      { id: 'pod-1', cores: 4, cpuCapacityMhz: 10_000, memoryMiB: 8192, gpus: 0.5, endAtMs: 1_100_000, samples: [[100_000, 10_000, 8192]] },
      { id: 'pod-2', cores: 88, cpuCapacityMhz: 220_000, memoryMiB: 65_536, gpus: 8, endAtMs: 50_000, samples: [[0, 220_000, 65_536]] },
      { id: 'pod-3', cores: 0.5, cpuCapacityMhz: 1250, memoryMiB: 1024, gpus: 0, endAtMs: 200_000, samples: [[200_000, 1250, 1024]] },
      // No deletion_time: runs until the last time in the list (1100 s).
      { id: 'pod-4', cores: 1, cpuCapacityMhz: 2500, memoryMiB: 2048, gpus: 0, endAtMs: 1_100_000, samples: [[300_000, 2500, 2048]] },
    ],
    warnings: { 'open-pod': 1, 'zero-duration': 1 },
    machines: { ids: ['node-a', 'node-b'], cores: [32, 96], memoryMiB: [262_144, 786_432], gpus: [0, 8], gpuModels: ['', 'V100M32'] },
  },
  malformed: [
    { kind: 'truncated row', file: 'openb_pod_list_default.csv', line: 2, replace: 'pod-1,4000,8192,1', expect: { file: 'openb_pod_list_default.csv', line: 2, field: 'gpu_milli' } },
    { kind: 'wrong column count', file: 'openb_node_list_all_node.csv', line: 2, replace: 'node-a,32000,262144,0,,x', expect: { file: 'openb_node_list_all_node.csv', line: 2, field: 'row' } },
    { kind: 'non-numeric', file: 'openb_pod_list_default.csv', line: 3, replace: 'pod-2,88000,lots,8,1000,V100M32,BE,Succeeded,0,50,0', expect: { file: 'openb_pod_list_default.csv', line: 3, field: 'memory_mib' } },
    { kind: 'negative', file: 'openb_pod_list_default.csv', line: 4, replace: 'pod-3,-500,1024,0,0,,BE,Pending,200,200,', expect: { file: 'openb_pod_list_default.csv', line: 4, field: 'cpu_milli' } },
    { kind: 'unsorted', file: 'openb_pod_list_default.csv', line: 2, replace: 'pod-1,4000,8192,1,500,,LS,Running,100,50,100', expect: { file: 'openb_pod_list_default.csv', line: 2, field: 'deletion_time' } },
  ],
};

export const googleEventsCase: ConformanceCase = {
  name: 'google-2011 (task_events): runs from SCHEDULE to a termination, reruns, updates, open runs',
  format: 'google-2011',
  fixture: 'google-2011/events',
  entry: '',
  expected: {
    originEpochMs: 0,
    // The first run starts at the first event (1 s): task 200-3 was running before the window.
    traceOriginMs: 1000,
    vms: [
      // 0.0625 x 32 cores = 2 cores x 2500 MHz, 0.125 x 128 GiB; UPDATE_RUNNING at 3 s doubles it; EVICT at 4 s.
      { id: '100-0', cores: 4, cpuCapacityMhz: 10_000, memoryMiB: 32_768, endAtMs: 3000, samples: [[1000, 5000, 16_384], [2000, 10_000, 32_768]] },
      { id: '200-3', cores: 1, cpuCapacityMhz: 2500, memoryMiB: 8192, endAtMs: 1500, samples: [[0, 2500, 8192]] },
      // Rescheduled at 5 s: a second run; still running after the last event (6 s).
      { id: '100-0#2', cores: 4, cpuCapacityMhz: 10_000, memoryMiB: 32_768, endAtMs: 5000, samples: [[4000, 10_000, 32_768]] },
      { id: '300-0', cores: 0, cpuCapacityMhz: 0, memoryMiB: 0, endAtMs: 5000, samples: [[5000, 0, 0]] },
    ],
    warnings: { 'missing-request': 1, 'open-run': 2, 'run-started-before-window': 1 },
  },
  malformed: [
    { kind: 'truncated row', file: 'task_events/part-00000-of-00001.csv', line: 2, replace: '2000000,,100,0,5', expect: { file: 'task_events/part-00000-of-00001.csv', line: 2, field: 'event_type' } },
    { kind: 'wrong column count', file: 'task_events/part-00000-of-00001.csv', line: 3, replace: '2500000,,200,3,7,4,u2,1,2,0.03125,0.0625,0,0,1', expect: { file: 'task_events/part-00000-of-00001.csv', line: 3, field: 'row' } },
    { kind: 'non-numeric', file: 'task_events/part-00000-of-00001.csv', line: 2, replace: '2000000,,100,0,5,1,u1,0,1,abc,0.125,0.001,0', expect: { file: 'task_events/part-00000-of-00001.csv', line: 2, field: 'cpu_request' } },
    { kind: 'negative', file: 'task_events/part-00000-of-00001.csv', line: 2, replace: '2000000,,100,0,5,1,u1,0,1,0.0625,-0.125,0.001,0', expect: { file: 'task_events/part-00000-of-00001.csv', line: 2, field: 'memory_request' } },
    { kind: 'unsorted', file: 'task_events/part-00000-of-00001.csv', line: 4, replace: '500000,,100,1,,0,u1,0,1,0.125,0.25,0,0', expect: { file: 'task_events/part-00000-of-00001.csv', line: 4, field: 'timestamp' } },
    { kind: 'unknown event type', file: 'task_events/part-00000-of-00001.csv', line: 2, replace: '2000000,,100,0,5,9,u1,0,1,0.0625,0.125,0.001,0', expect: { file: 'task_events/part-00000-of-00001.csv', line: 2, field: 'event_type' } },
  ],
};

export const googleUsageCase: ConformanceCase = {
  name: 'google-2011 (task_events + task_usage): usage samples inside runs, request for a run without usage',
  format: 'google-2011',
  fixture: 'google-2011/usage',
  entry: '',
  expected: {
    originEpochMs: 0,
    traceOriginMs: 1000,
    vms: [
      // cpu_rate 0.05 x 32 cores x 2500 MHz = 4000 MHz; canonical memory 0.1 x 128 GiB.
      // The third usage row starts at 10 s, after the run ended (FINISH at 9 s): dropped.
      { id: '100-0', cores: 2, cpuCapacityMhz: 5000, memoryMiB: 16_384, endAtMs: 8000, samples: [[0, 4000, 13_107.2], [3000, 2000, 6553.6]] },
      { id: '100-1', cores: 1, cpuCapacityMhz: 2500, memoryMiB: 8192, endAtMs: 2000, samples: [[1000, 2500, 8192]] },
    ],
    warnings: { 'run-without-usage': 1, 'usage-outside-run': 1 },
  },
  malformed: [
    { kind: 'truncated row', file: 'task_usage/part-00000-of-00001.csv', line: 1, replace: '1000000,4000000,100,0,5,0.05', expect: { file: 'task_usage/part-00000-of-00001.csv', line: 1, field: 'canonical_memory_usage' } },
    { kind: 'wrong column count', file: 'task_usage/part-00000-of-00001.csv', line: 2, replace: '4000000,7000000,100,0,5,0.025,0.05,0.1,0,0,0.1,0,0,0.07,0,1.2,0.01,1,0,0.05,1', expect: { file: 'task_usage/part-00000-of-00001.csv', line: 2, field: 'row' } },
    { kind: 'non-numeric', file: 'task_usage/part-00000-of-00001.csv', line: 1, replace: '1000000,4000000,100,0,5,high,0.1,0.1,0,0,0.1,0,0,0.07,0,1.2,0.01,1,0,0.05', expect: { file: 'task_usage/part-00000-of-00001.csv', line: 1, field: 'cpu_rate' } },
    { kind: 'negative', file: 'task_usage/part-00000-of-00001.csv', line: 2, replace: '4000000,7000000,100,0,5,0.025,-0.05,0.1,0,0,0.1,0,0,0.07,0,1.2,0.01,1,0,0.05', expect: { file: 'task_usage/part-00000-of-00001.csv', line: 2, field: 'canonical_memory_usage' } },
    { kind: 'unsorted', file: 'task_usage/part-00000-of-00001.csv', line: 2, replace: '1000000,7000000,100,0,5,0.025,0.05,0.1,0,0,0.1,0,0,0.07,0,1.2,0.01,1,0,0.05', expect: { file: 'task_usage/part-00000-of-00001.csv', line: 2, field: 'start_time' } },
  ],
};
