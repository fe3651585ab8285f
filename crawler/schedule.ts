import { InvalidInputError } from '../lib/errors.js';

const UNIT_MS: Record<string, number> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };
/** How source files write schedules: "every 30 minutes"; the count and the unit are captured. */
export const SCHEDULE = /^every (\d{1,4}) (minute|hour|day)s?$/;
/** Shorter intervals would hammer sources whatever their robots.txt says. */
const MIN_INTERVAL_MS = 5 * 60_000;

/** "every 30 minutes", "every 2 hours", "every 1 day" → milliseconds (at least five minutes). */
export function parseScheduleMs(schedule: string): number {
  const match = SCHEDULE.exec(schedule.trim().toLowerCase());
  if (!match) throw new InvalidInputError(`schedule ${JSON.stringify(schedule)}: expected "every N minutes|hours|days"`);
  const ms = Number(match[1]) * UNIT_MS[match[2]!]!;
  if (ms < MIN_INTERVAL_MS) throw new InvalidInputError(`schedule ${JSON.stringify(schedule)}: at least every 5 minutes`);
  return ms;
}
