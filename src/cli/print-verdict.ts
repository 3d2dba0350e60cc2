import type { RunVerdict } from '../report/run-verdict.js';

/** Exit code of a run whose verdict has warnings, under `--strict`. */
export const STRICT_WARNING_EXIT = 3;

/**
 * A verdict as terminal lines: the answer, any `details` (the figures behind it), the
 * assumptions it rests on, then each warning on its own line in capitals so it cannot be missed.
 */
export function verdictLines(what: string, verdict: RunVerdict, details: readonly string[] = []): string[] {
  const notes = (verdict.notes ?? []).map((n) => `  NOTE: ${n}`);
  return [`${what}: ${verdict.answer}`, ...details, ...notes, ...verdict.warnings.map((w) => `  WARNING: ${w}`)];
}

/**
 * Prints a verdict on stderr (stdout stays free for --json): verdictLines, then where the report
 * is. Under `strict`, any warning sets exit code 3 (the files are still written).
 */
export function printVerdict(what: string, verdict: RunVerdict, reportPath: string, strict: boolean, details: readonly string[] = []): void {
  process.stderr.write(`${[...verdictLines(what, verdict, details), `report at ${reportPath}`].join('\n')}\n`);
  if (strict && verdict.warnings.length > 0) process.exitCode = STRICT_WARNING_EXIT;
}
