import { monitorEventLoopDelay } from 'node:perf_hooks';

/**
 * Runs `run` and measures this process's event-loop delay meanwhile (10 ms resolution): the p99
 * a request arriving then would wait before being handled. The process serves the API in these
 * tests and also runs the attacking clients, so the figure is an upper bound for the API alone.
 */
export async function eventLoopP99During<T>(run: () => Promise<T>): Promise<{ result: T; p99Ms: number }> {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  try {
    const result = await run();
    return { result, p99Ms: Math.round(histogram.percentile(99) / 1e6) };
  } finally {
    histogram.disable();
  }
}
