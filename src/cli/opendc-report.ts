import type { LoadedTopology } from '../model/load-topology.js';

/** What an OpenDC topology became, for stderr: mapped lines, then what has no equivalent. */
export function openDcReport(path: string, openDc: NonNullable<LoadedTopology['openDc']>): string {
  return [
    `topology ${path}: OpenDC format`,
    ...openDc.mapped.map((line) => `  mapped: ${line}`),
    ...openDc.unmapped.map((line) => `  not mapped: ${line}`),
    '',
  ].join('\n');
}
