import type { RunVerdict } from '../report/run-verdict.js';

/** Exit code of a run whose verdict has warnings, under `--strict`. */
export const STRICT_WARNING_EXIT = 3;

/**
 * Prints a run's verdict on stderr (stdout stays free for --json): the answer, then each
 * warning on its own line in capitals so it cannot be missed, then where the report is.
 * Under `strict`, any warning sets exit code 3 (the run's files are still written).
 */
export function printVerdict(what: string, verdict: RunVerdict, reportPath: string, strict: boolean): void {
  const lines = [`${what}: ${verdict.answer}`];
  for (const warning of verdict.warnings) lines.push(`  WARNING: ${warning}`);
  lines.push(`report at ${reportPath}`);
  process.stderr.write(`${lines.join('\n')}\n`);
  if (strict && verdict.warnings.length > 0) process.exitCode = STRICT_WARNING_EXIT;
}
