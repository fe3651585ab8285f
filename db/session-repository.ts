import mongoose from 'mongoose';
import type { Models } from './models/index.js';

export interface SessionRow {
  _id: string;
  userId: mongoose.Types.ObjectId;
  generation: number;
  csrfToken: string;
  expiresAt: Date;
}

export interface NewSession {
  tokenHash: string;
  userId: string;
  generation: number;
  csrfToken: string;
  ip?: string;
  expiresAt: Date;
}

/** Stores a new session and deletes expired ones (the embedded store has no TTL indexes). */
export async function insertSession(models: Models, session: NewSession): Promise<void> {
  const { tokenHash, ...rest } = session;
  await models.Session.deleteMany({ expiresAt: mongoose.trusted({ $lte: new Date() }) });
  await models.Session.create({ _id: tokenHash, ...rest, userId: new mongoose.Types.ObjectId(session.userId) });
}

/** The live session with that hash, or undefined when it is missing or expired. */
export async function findLiveSession(models: Models, tokenHash: string, now = new Date()): Promise<SessionRow | undefined> {
  const row = await models.Session.findOne({ _id: tokenHash, expiresAt: mongoose.trusted({ $gt: now }) }).lean();
  return (row ?? undefined) as SessionRow | undefined;
}

export async function deleteSession(models: Models, tokenHash: string): Promise<void> {
  await models.Session.deleteOne({ _id: tokenHash });
}

export interface ApiTokenRow {
  _id: string;
  userId: mongoose.Types.ObjectId;
  name: string;
  revokedAt?: Date;
}

export async function insertApiToken(models: Models, token: { tokenHash: string; userId: string; name: string }): Promise<void> {
  await models.ApiToken.create({ _id: token.tokenHash, userId: new mongoose.Types.ObjectId(token.userId), name: token.name });
}

export async function findActiveApiToken(models: Models, tokenHash: string): Promise<ApiTokenRow | undefined> {
  const row = await models.ApiToken.findOne({ _id: tokenHash, revokedAt: mongoose.trusted({ $exists: false }) }).lean();
  return (row ?? undefined) as ApiTokenRow | undefined;
}
