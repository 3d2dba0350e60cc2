/** A one-line progress indicator on stderr when it is a terminal; silent when piped. */
export function progressReporter(label: string): ((fraction: number) => void) | undefined {
  if (!process.stderr.isTTY) return undefined;
  return (fraction: number) => {
    const percent = Math.min(100, Math.floor(fraction * 100));
    process.stderr.write(`\r${label} ${String(percent).padStart(3)}%`);
    if (percent >= 100) process.stderr.write('\n');
  };
}

export function clearProgress(): void {
  if (process.stderr.isTTY) process.stderr.write('\r\x1b[K');
}
