#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { InputError } from '../common/input-error.js';
import { RACKPLAN_VERSION } from '../common/version.js';
import { registerCompareCommand } from './compare-command.js';
import { registerPlanCommand } from './plan-command.js';
import { registerReplayCommand } from './replay-command.js';
import { registerReportCommand } from './report-command.js';
import { registerSchemasCommand } from './schemas-command.js';
import { registerStartCommand } from './start-command.js';
import { registerSweepCommand } from './sweep-command.js';
import { registerSynthCommand } from './synth-command.js';
import { registerTraceCommand } from './trace-command.js';
import { registerValidateCommand } from './validate-command.js';
import { registerWorkerCommand } from './worker-command.js';

const USAGE_EXIT = 2;

function buildProgram(): Command {
  const program = new Command('rackplan')
    .description('Deterministic datacenter simulator and capacity planner')
    .version(RACKPLAN_VERSION)
    .showHelpAfterError('(add --help for usage)')
    .exitOverride();
  registerStartCommand(program);
  registerReplayCommand(program);
  registerPlanCommand(program);
  registerCompareCommand(program);
  registerSweepCommand(program);
  registerWorkerCommand(program);
  registerReportCommand(program);
  registerSynthCommand(program);
  registerTraceCommand(program);
  registerValidateCommand(program);
  registerSchemasCommand(program);
  for (const command of program.commands) command.exitOverride();
  return program;
}

/** Bad input: one line on stderr, exit code 2, no stack trace. */
async function main(argv: string[]): Promise<void> {
  try {
    await buildProgram().parseAsync(argv);
  } catch (error) {
    process.exitCode = exitCodeFor(error);
  }
}

function exitCodeFor(error: unknown): number {
  if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : USAGE_EXIT;
  if (error instanceof InputError) {
    process.stderr.write(`rackplan: ${error.message}\n`);
    return USAGE_EXIT;
  }
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR' || code === 'ENOTDIR') {
    const err = error as NodeJS.ErrnoException;
    process.stderr.write(`rackplan: ${err.path ?? ''}: ${code === 'ENOENT' ? 'no such file or folder' : err.message}\n`);
    return USAGE_EXIT;
  }
  process.stderr.write(`rackplan: internal error: ${(error as Error).stack ?? String(error)}\n`);
  return 1;
}

await main(process.argv);
