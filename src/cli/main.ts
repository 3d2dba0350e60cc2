#!/usr/bin/env node
import type { Command } from 'commander';
import { InputError } from '../common/input-error.js';
import { RACKPLAN_VERSION } from '../common/version.js';
import { safeText } from '../common/safe-text.js';
import { COMMANDS, commandsFor } from './command-table.js';
import { checkOutPath } from './out-path-check.js';

const USAGE_EXIT = 2;

async function buildProgram(names: string[]): Promise<Command> {
  const { Command } = await import('commander');
  const program = new Command('rackplan')
    .description('Deterministic datacenter simulator and capacity planner')
    .version(RACKPLAN_VERSION)
    .showHelpAfterError('(add --help for usage)')
    .exitOverride();
  const registers = await Promise.all(names.map((name) => COMMANDS[name]!()));
  for (const register of registers) register(program);
  for (const command of program.commands) command.exitOverride();
  program.hook('preAction', (_program, action) => {
    const out: unknown = action.opts().out;
    const kind = OUT_KINDS[action.name()];
    if (typeof out === 'string' && kind) checkOutPath(out, kind);
  });
  return program;
}

/** What each command's `--out` names, checked before the command does any work. */
const OUT_KINDS: Record<string, 'folder' | 'file'> = {
  replay: 'folder',
  compare: 'folder',
  plan: 'folder',
  sweep: 'folder',
  start: 'folder',
  schemas: 'folder',
  synth: 'file',
};

/** Bad input: one line on stderr, exit code 2, no stack trace. A closed stdout (`| head`) ends quietly. */
async function main(argv: string[]): Promise<void> {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    // The reader has gone (`--json | head`): nothing more to say, and the files are written.
    process.exit(process.exitCode ?? 0);
  });
  // A bare --version prints what commander would, without loading commander.
  const args = argv.slice(2);
  if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
    process.stdout.write(`${RACKPLAN_VERSION}\n`);
    return;
  }
  try {
    await (await buildProgram(commandsFor(argv))).parseAsync(argv);
  } catch (error) {
    process.exitCode = await exitCodeFor(error);
  }
}

/** File-system errors caused by a path the user gave: one line, exit 2. */
const USER_FS_ERRORS = new Set(['ENOENT', 'EACCES', 'EISDIR', 'ENOTDIR', 'EEXIST', 'EPERM', 'EROFS', 'ENOSPC', 'ENAMETOOLONG', 'ELOOP']);

async function exitCodeFor(error: unknown): Promise<number> {
  const { CommanderError } = await import('commander');
  if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : USAGE_EXIT;
  if (error instanceof InputError) {
    process.stderr.write(`rackplan: ${error.message}\n`);
    return USAGE_EXIT;
  }
  const code = (error as NodeJS.ErrnoException).code;
  if (code !== undefined && USER_FS_ERRORS.has(code)) {
    const err = error as NodeJS.ErrnoException;
    process.stderr.write(`rackplan: ${safeText(err.path ?? '')}: ${code === 'ENOENT' ? 'no such file or folder' : safeText(err.message)}\n`);
    return USAGE_EXIT;
  }
  process.stderr.write(`rackplan: internal error: ${(error as Error).stack ?? String(error)}\n`);
  return 1;
}

await main(process.argv);
