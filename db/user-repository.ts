import mongoose from 'mongoose';
import { ConflictError, NotFoundError } from '../lib/errors.js';
import { isDuplicateKeyError } from './mongo-errors.js';
import type { Models } from './models/index.js';
import type { ROLES } from './models/users.js';

export type Role = (typeof ROLES)[number];

export interface Membership {
  org: string;
  role: Role;
}

export interface UserRow {
  _id: mongoose.Types.ObjectId;
  email: string;
  displayName?: string;
  passwordHash: string;
  memberships: Membership[];
  disabled: boolean;
  sessionGeneration: number;
}

export interface NewUser {
  email: string;
  displayName?: string;
  passwordHash: string;
  memberships: Membership[];
}

export async function createUser(models: Models, input: NewUser): Promise<UserRow> {
  try {
    const created = await models.User.create(input);
    return created.toObject() as unknown as UserRow;
  } catch (error) {
    if (isDuplicateKeyError(error)) throw new ConflictError(`a user with e-mail ${input.email} already exists`);
    throw error;
  }
}

export async function findUserByEmail(models: Models, email: string): Promise<UserRow | undefined> {
  const row = await models.User.findOne({ email: email.toLowerCase() }).lean();
  return (row ?? undefined) as UserRow | undefined;
}

export async function findUserById(models: Models, id: string | mongoose.Types.ObjectId): Promise<UserRow | undefined> {
  const row = await models.User.findById(id).lean();
  return (row ?? undefined) as UserRow | undefined;
}

/** Adds the membership unless the user already has it. */
export async function addMembership(models: Models, email: string, membership: Membership): Promise<UserRow> {
  const row = await models.User.findOneAndUpdate(
    { email: email.toLowerCase() },
    { $addToSet: { memberships: membership } },
    { new: true, runValidators: true },
  ).lean();
  if (!row) throw new NotFoundError(`no user with e-mail ${email}`);
  return row as unknown as UserRow;
}

export async function setPasswordHash(models: Models, email: string, passwordHash: string): Promise<void> {
  const result = await models.User.updateOne(
    { email: email.toLowerCase() },
    { $set: { passwordHash }, $inc: { sessionGeneration: 1 } },
  );
  if (result.matchedCount === 0) throw new NotFoundError(`no user with e-mail ${email}`);
}

/**
 * Disabling bumps the session generation, which every request compares, so the user's open
 * sessions and tokens stop working on their next request; the session rows are deleted too.
 */
export async function setUserDisabled(models: Models, userId: string, disabled: boolean): Promise<void> {
  const result = await models.User.updateOne(
    { _id: new mongoose.Types.ObjectId(userId) },
    { $set: { disabled }, $inc: { sessionGeneration: 1 } },
  );
  if (result.matchedCount === 0) throw new NotFoundError(`no user ${userId}`);
  await models.Session.deleteMany({ userId: new mongoose.Types.ObjectId(userId) });
}

/** Active users holding one of the roles in the organization (e.g. who to alert for a safeguarding case). */
export async function listUsersWithRole(models: Models, org: string, roles: readonly Role[]): Promise<UserRow[]> {
  // Filtered here rather than with $elemMatch, which the embedded store handles poorly; user lists are small.
  const rows = (await models.User.find({ disabled: false }).lean()) as unknown as UserRow[];
  return rows.filter((user) => user.memberships.some((m) => m.org === org && roles.includes(m.role)));
}
