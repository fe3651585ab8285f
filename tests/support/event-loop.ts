import { monitorEventLoopDelay } from 'node:perf_hooks';

/**
 * Runs `run` and measures this process's event-loop delay meanwhile: the p99 a request arriving
 * then would wait before being handled. Sampled every millisecond, so the p99 is over hundreds of
 * samples even for a short attack: one scheduling hiccup of the machine (other test files run
 * beside this one on two cores) does not decide it, a handler that blocks does. The process
 * serves the API in these tests and also runs the attacking clients, so the figure is an upper
 * bound for the API alone. `maxMs` is the single longest wait: tests bound it too, so one long
 * block (a rule running on the loop for seconds) cannot hide among many short samples.
 */
export async function eventLoopP99During<T>(run: () => Promise<T>): Promise<{ result: T; p99Ms: number; maxMs: number }> {
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  histogram.enable();
  try {
    const result = await run();
    return { result, p99Ms: Math.round(histogram.percentile(99) / 1e6), maxMs: Math.round(histogram.max / 1e6) };
  } finally {
    histogram.disable();
  }
}
