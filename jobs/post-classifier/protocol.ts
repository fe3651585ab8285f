import type { PostInput } from '../../classifier/types.js';
import type { BilingualText } from '../../lib/errors.js';
import type { ActivePack } from '../active-rule-sets.js';
import type { ClassifiedPost } from './post-classifier.js';

/**
 * What the pool and its threads say to each other. Besides messages, each thread writes the step
 * it is in and when that step began into a shared buffer, so the pool can see a step overrun its
 * budget while the thread is busy (and cannot answer messages).
 */
export interface ClassifyRequest {
  id: number;
  /** Sources are sent once per thread and key; later requests carry the key only. */
  pack: { key: string; sources?: ActivePack['sources'] };
  post: PostInput;
}

export type ThreadMessage =
  | { type: 'built'; key: string; ruleIds: string[] }
  | { type: 'result'; id: number; result: ClassifiedPost }
  | { type: 'failed'; id: number; error: { name: string; message: string; issues?: readonly BilingualText[] } }
  | { type: 'unknown-pack'; id: number };

/** Slots of the shared progress buffer (BigInt64Array). */
export const STEP = 0;
export const STEP_STARTED_AT = 1;
export const PROGRESS_SLOTS = 2;

/** Values of the STEP slot; rule steps are the rule's index (0 and up). */
export const IDLE = -1n;
export const BUILDING = -2n;
export const ANALYSING = -3n;
