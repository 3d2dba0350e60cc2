#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { InputError } from '../common/input-error.js';
import { RACKPLAN_VERSION } from '../common/version.js';
import { COMMANDS, commandsFor } from './command-table.js';
const USAGE_EXIT = 2;

async function buildProgram(names: string[]): Promise<Command> {
  const program = new Command('rackplan')
    .description('Deterministic datacenter simulator and capacity planner')
    .version(RACKPLAN_VERSION)
    .showHelpAfterError('(add --help for usage)')
    .exitOverride();
  const registers = await Promise.all(names.map((name) => COMMANDS[name]!()));
  for (const register of registers) register(program);
  for (const command of program.commands) command.exitOverride();
  return program;
}

/** Bad input: one line on stderr, exit code 2, no stack trace. */
async function main(argv: string[]): Promise<void> {
  try {
    await (await buildProgram(commandsFor(argv))).parseAsync(argv);
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
