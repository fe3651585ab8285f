import mongoose from 'mongoose';
import type { Models } from './models/index.js';

export interface FlagCounts {
  open: number;
  claimed: number;
  escalated: number;
  resolved: number;
}

/** Counts per queue view, optionally for some organizations only. */
export async function countFlagsByStatus(models: Models, orgs?: readonly string[]): Promise<FlagCounts> {
  const counts: FlagCounts = { open: 0, claimed: 0, escalated: 0, resolved: 0 };
  const orgFilter = orgs === undefined ? {} : { org: mongoose.trusted({ $in: [...orgs] }) };
  for (const status of Object.keys(counts) as (keyof FlagCounts)[]) {
    counts[status] = await models.Flag.countDocuments({ status, ...orgFilter });
  }
  return counts;
}
