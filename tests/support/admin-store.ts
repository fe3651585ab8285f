import mongoose from 'mongoose';
import { inject } from 'vitest';

/**
 * Runs `use` on a database through the administrators' connection: the app's own connection may
 * not drop databases or edit the audit log, exactly as its MongoDB role may not.
 */
export async function withAdminDb<T>(dbName: string, use: (db: mongoose.mongo.Db) => Promise<T>): Promise<T> {
  const client = await new mongoose.mongo.MongoClient(inject('mongodbAdminUri'), {
    retryWrites: !inject('mongodbIsEmbedded'),
  }).connect();
  try {
    return await use(client.db(dbName));
  } finally {
    await client.close();
  }
}
