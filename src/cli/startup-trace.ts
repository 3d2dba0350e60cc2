/**
 * RACKPLAN_TRACE_STARTUP=1: a command prints, on stderr, the milliseconds from process start
 * (performance's time origin) to the moment its simulation starts - what `npm run bench`
 * reports as cli.replayStartSeconds - and the CPU time spent by then (steadier than wall time
 * on a busy machine). Off, it costs nothing and prints nothing.
 */
export function startupTrace(label: string): (() => void) | undefined {
  if (process.env.RACKPLAN_TRACE_STARTUP !== '1') return undefined;
  let printed = false;
  return () => {
    if (printed) return;
    printed = true;
    const cpu = process.cpuUsage();
    process.stderr.write(`startup: ${label} simulating after ${performance.now().toFixed(1)} ms (${((cpu.user + cpu.system) / 1000).toFixed(1)} ms CPU)\n`);
  };
}
