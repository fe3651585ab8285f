import type { TaskMeta } from 'vitest';

/** What one test proved, gathered by the summary reporter into the reliability line (lib/reliability-summary.ts). */
export type ReliabilityNote =
  | { kind: 'bad-inputs'; family: string; tried: number; canaryHits?: number }
  | { kind: 'fault'; fault: RequiredFault; lost: number; duplicates: number }
  | { kind: 'access'; routesCovered: number; routesTotal: number }
  /** A figure the test measured, with the limit it held it to (e.g. event-loop p99 under an attack). */
  | { kind: 'measure'; name: string; value: number; unit: string; limit: number };

/** The faults issue 7 names; each is survived when a test of it passes. */
export const REQUIRED_FAULTS = [
  'Redis SIGKILL with a backlog, restart from AOF',
  'Redis absent at boot',
  'store SIGKILL during ingest',
  'store unreachable for 15 s under API load',
  'worker SIGKILL mid-job',
  'event-loop stall past the job lock',
  'API SIGTERM with active jobs',
  'crawler target hanging or crashing Chromium',
] as const;
export type RequiredFault = (typeof REQUIRED_FAULTS)[number];

declare module 'vitest' {
  interface TaskMeta {
    reliability?: ReliabilityNote[];
  }
}

export function noteReliability(task: { meta: TaskMeta }, note: ReliabilityNote): void {
  (task.meta.reliability ??= []).push(note);
}
