import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { InputError } from '../common/input-error.js';
import type { SetTimer } from '../common/worker-pool.js';
import { BUILTIN_MODELS_DIR } from '../model/catalog.js';
import { dataRoots, parseDataRoot, type DataRoots } from '../sweep/data-roots.js';
import { redisTarget, type RedisTarget } from '../sweep/redis-target.js';
import { parsePositiveNumber } from './parse-flags.js';

/** Flags shared by `rackplan sweep --queue` and `rackplan worker`. */
export interface QueueFlags {
  queue?: string | true;
  redisPasswordFile?: string;
  redisCa?: string;
  redisTimeoutSeconds: number;
  dataRoot: string[];
}

/** The options of QueueFlags, for a command. */
export function addQueueOptions(command: Command, queueHelp: string): Command {
  return command
    .option('--queue [url]', queueHelp)
    .option('--redis-password-file <file>', 'the Redis password, from a file (overrides a password in the URL)')
    .option('--redis-ca <file>', 'PEM certificate(s) to trust for rediss:// (a private CA)')
    .option('--redis-timeout-seconds <s>', 'give up connecting to Redis after this long', parsePositiveNumber, 10);
}

/** Collects a repeatable flag. */
export function repeatable(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/**
 * The Redis to use: `--queue <url>`, or REDIS_URL for a bare `--queue` (so the password is not
 * on the command line, where `ps` shows it); a password file overrides the URL's password.
 */
export function queueTarget(flags: QueueFlags): RedisTarget {
  const url = flags.queue === true ? process.env.REDIS_URL : flags.queue;
  if (!url) throw new InputError('--queue without a URL reads REDIS_URL, which is not set', { field: '--queue' });
  return redisTarget(url, {
    ...(flags.redisPasswordFile ? { password: readSecret(flags.redisPasswordFile, '--redis-password-file') } : {}),
    ...(flags.redisCa ? { ca: readSecret(flags.redisCa, '--redis-ca') } : {}),
  });
}

/** A password file holds the password alone; one trailing newline is not part of it. */
function readSecret(file: string, field: string): string {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new InputError('cannot read file', { file, field });
  }
  const secret = text.replace(/\r?\n$/, '');
  if (secret === '') throw new InputError('the file is empty', { file, field });
  return secret;
}

/** Built-in roots `models` and `traces` (the shipped folders), then `--data-root name=dir` flags. */
export function queueDataRoots(flags: readonly string[]): DataRoots {
  const builtIn: [string, string][] = [
    ['models', BUILTIN_MODELS_DIR],
    ['traces', resolve(BUILTIN_MODELS_DIR, '..', 'traces')],
  ];
  return dataRoots(builtIn, flags.map((flag) => parseDataRoot(flag, process.cwd())));
}

/** Timers for run time limits; unref'd so that they never keep the process alive. */
export const setTimer: SetTimer = (ms, fire) => {
  const timer = setTimeout(fire, ms);
  timer.unref();
  return () => clearTimeout(timer);
};
