import type { Command } from 'commander';

export type Register = (program: Command) => void;

/**
 * Every command, in help order, with the module that defines it. Only the module of the command
 * being run is imported (help imports them all): a command's dependencies (BullMQ and ioredis
 * for the queue, d3 for reports, zod for specs) cost hundreds of milliseconds to load, and
 * `rackplan --version` should cost none of them.
 */
export const COMMANDS: Record<string, () => Promise<Register>> = {
  start: async () => (await import('./start-command.js')).registerStartCommand,
  replay: async () => (await import('./replay-command.js')).registerReplayCommand,
  plan: async () => (await import('./plan-command.js')).registerPlanCommand,
  compare: async () => (await import('./compare-command.js')).registerCompareCommand,
  sweep: async () => (await import('./sweep-command.js')).registerSweepCommand,
  worker: async () => (await import('./worker-command.js')).registerWorkerCommand,
  report: async () => (await import('./report-command.js')).registerReportCommand,
  synth: async () => (await import('./synth-command.js')).registerSynthCommand,
  trace: async () => (await import('./trace-command.js')).registerTraceCommand,
  validate: async () => (await import('./validate-command.js')).registerValidateCommand,
  schemas: async () => (await import('./schemas-command.js')).registerSchemasCommand,
};

/** The commands to load for `argv`: the one named, none for a bare --version, else all (help, errors). */
export function commandsFor(argv: string[]): string[] {
  const args = argv.slice(2);
  const first = args.find((arg) => !arg.startsWith('-'));
  if (first !== undefined && first in COMMANDS) return [first];
  if (first === undefined && args.length > 0 && args.every((arg) => arg === '--version' || arg === '-V')) return [];
  return Object.keys(COMMANDS);
}
