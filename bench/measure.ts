/**
 * Shared helpers of the benchmarks: latency percentiles, a timing loop with a
 * time budget, memory figures and machine facts.
 */
import { cpus, loadavg, release, totalmem } from 'node:os';

export const round = (n: number, places = 2): number => Math.round(n * 10 ** places) / 10 ** places;

/** Nearest-rank percentile of sorted values. */
export const percentile = (sorted: readonly number[], p: number): number => sorted[Math.max(0, Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;

export type LatencyStats = {
  /** Timed runs (after the warm-up). */
  runs: number;
  warmup: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
  /** Set when fewer runs than asked were made (the time budget ran out). */
  note?: string;
};

/**
 * Times `task(i)` sequentially: first `warmup` calls (cut short once a tenth of
 * the budget is spent, at least one), then up to `runs` timed calls. Once
 * `budgetMs` of timed calls have passed and at least `minRuns` were made, it
 * stops early and says so. `i` counts every call, so each can use other data.
 */
export async function timeRuns(options: { runs: number; warmup: number; budgetMs: number; minRuns: number }, task: (i: number) => Promise<void>): Promise<LatencyStats> {
  const { runs, warmup, budgetMs, minRuns } = options;
  let i = 0;
  const warmStart = performance.now();
  let warmed = 0;
  while (warmed < warmup) {
    await task(i++);
    warmed++;
    if (performance.now() - warmStart > budgetMs / 10) break;
  }
  const timings: number[] = [];
  const start = performance.now();
  while (timings.length < runs) {
    const t0 = performance.now();
    await task(i++);
    timings.push(performance.now() - t0);
    if (timings.length >= minRuns && performance.now() - start > budgetMs) break;
  }
  const sorted = [...timings].sort((a, b) => a - b);
  const stats: LatencyStats = {
    runs: sorted.length,
    warmup: warmed,
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    p99: round(percentile(sorted, 99)),
    max: round(sorted.at(-1) ?? 0),
    mean: round(sorted.reduce((a, b) => a + b, 0) / (sorted.length || 1)),
  };
  if (sorted.length < runs) stats.note = `${sorted.length} of ${runs} runs: the ${round(budgetMs / 1000, 0)} s time budget ran out`;
  return stats;
}

/** Runs the garbage collector when node was started with --expose-gc (the npm script does). */
export function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/** Current resident memory of this process, MB. */
export const rssMb = (): number => Math.round(process.memoryUsage().rss / 1_048_576);
/** Peak resident memory of this process so far, MB. */
export const peakRssMb = (): number => Math.round(process.resourceUsage().maxRSS / 1024);

/** Peak resident memory of another process (Linux), MB, or null when it cannot be read. */
export async function processPeakRssMb(pid: number | undefined): Promise<number | null> {
  if (!pid) return null;
  const { readFile } = await import('node:fs/promises');
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  const kb = /VmHWM:\s+(\d+) kB/.exec(status)?.[1];
  return kb ? Math.round(Number(kb) / 1024) : null;
}

/** What the figures were measured on. */
export function machineInfo() {
  return {
    node: process.version,
    os: `${process.platform} ${release()}`,
    cpus: cpus().length,
    cpu: cpus()[0]?.model ?? 'unknown',
    memoryGb: Math.round(totalmem() / 1_073_741_824),
    /** 1-minute load average when the run started: other work on the machine skews the figures. */
    loadAverage: round(loadavg()[0] ?? 0),
  };
}
export type MachineInfo = ReturnType<typeof machineInfo>;
