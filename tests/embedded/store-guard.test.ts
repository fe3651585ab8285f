import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedStore, type EmbeddedStore } from '../../embedded/ferretdb-server.js';
import { testConfig } from '../support/context.js';

// The embedded store's guard (embedded/go/guard.go, validators.go) stands in for MongoDB's roles
// and collection validators. This file exercises the guard itself on a store of its own, so it
// runs the same whether or not MONITOR_MONGODB_URI points elsewhere.

const scratch = mkdtempSync(join(tmpdir(), 'monitor-store-guard-'));
const dataDir = join(scratch, 'store');
const storeOptions = {
  binaryPath: testConfig().config.embeddedBinaryPath,
  dataDir,
  timeoutMs: 30_000,
  appendOnly: ['ledger'],
};
let store: EmbeddedStore;
let client: mongoose.mongo.MongoClient;

beforeAll(async () => {
  store = await startEmbeddedStore(storeOptions);
  client = await new mongoose.mongo.MongoClient(store.uri, {
    directConnection: true,
    retryWrites: false,
  }).connect();
  await client.db('guard').collection('notes').insertOne({ title: 'premier' });
});
afterAll(async () => {
  await client.close();
  await store.server.stop();
  rmSync(scratch, { recursive: true, force: true });
});

function collMod(validator: unknown, extra: Record<string, unknown> = {}) {
  return client.db('guard').command({ collMod: 'notes', validator, ...extra });
}

/** Sends raw bytes on a fresh connection to the app's door; resolves with what came back before it closed. */
function sendRaw(bytes: Buffer): Promise<Buffer> {
  const { hostname, port } = new URL(store.uri);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    const received: Buffer[] = [];
    socket.on('data', (chunk) => received.push(chunk));
    socket.on('close', () => resolve(Buffer.concat(received)));
    socket.on('error', reject);
    socket.setTimeout(5_000, () => socket.destroy(new Error('the guard neither answered nor closed')));
    socket.write(bytes);
  });
}

function legacyQuery(collection: string, query: Record<string, unknown>): Buffer {
  const name = Buffer.from(`${collection}\0`);
  const doc = Buffer.from(mongoose.mongo.BSON.serialize(query));
  const body = Buffer.concat([Buffer.alloc(4), name, Buffer.alloc(8), doc]);
  body.writeInt32LE(-1, 4 + name.length + 4);
  const header = Buffer.alloc(16);
  header.writeInt32LE(16 + body.length, 0);
  header.writeInt32LE(7, 4);
  header.writeInt32LE(2004, 12);
  return Buffer.concat([header, body]);
}

describe('the embedded store guard', () => {
  it('when a validator uses a $jsonSchema keyword the guard does not enforce, then collMod fails naming it rather than pretending', async () => {
    await expect(
      collMod({ $jsonSchema: { properties: { title: { bsonType: 'string', pattern: '^p' } } } }),
    ).rejects.toMatchObject({
      code: 2,
      message: '$jsonSchema at title: the embedded store does not enforce pattern',
    });
    // Nothing was set: a title the pattern would have refused is still accepted.
    await client.db('guard').collection('notes').insertOne({ title: 'autre' });
  });

  it.each([
    ['a validator that is not $jsonSchema', { title: { $type: 'string' } }, {}, /made of \$jsonSchema only/],
    [
      'validationAction warn',
      { $jsonSchema: { required: ['title'] } },
      { validationAction: 'warn' },
      /validationAction error only, not "warn"/,
    ],
    [
      'validationLevel moderate',
      { $jsonSchema: { required: ['title'] } },
      { validationLevel: 'moderate' },
      /validationLevel strict only, not "moderate"/,
    ],
    [
      'an enum of objects',
      { $jsonSchema: { properties: { title: { enum: [{ a: 1 }] } } } },
      {},
      /enum strings, numbers and null only/,
    ],
    [
      'a property name needing escapes',
      { $jsonSchema: { required: ['a"b'] } },
      {},
      /property name "a\\"b" is not supported/,
    ],
  ])(
    'when collMod carries %s, then it is refused with a message saying why',
    async (_case, validator, extra, message) => {
      await expect(collMod(validator, extra)).rejects.toMatchObject({
        code: 2,
        message: expect.stringMatching(message),
      });
    },
  );

  it('when collMod names a collection that does not exist, then it fails with NamespaceNotFound', async () => {
    await expect(
      client.db('guard').command({ collMod: 'missing', validator: { $jsonSchema: { required: ['a'] } } }),
    ).rejects.toMatchObject({ code: 26 });
  });

  it('when a validator is set and the store restarts on its files, then the validator still refuses bad documents', async () => {
    await collMod({
      $jsonSchema: { required: ['title'], properties: { title: { bsonType: 'string', maxLength: 20 } } },
    });
    await client.close();
    await store.server.stop();
    store = await startEmbeddedStore(storeOptions);
    client = await new mongoose.mongo.MongoClient(store.uri, {
      directConnection: true,
      retryWrites: false,
    }).connect();

    await expect(
      client.db('guard').collection('notes').insertOne({ body: 'sans titre' }),
    ).rejects.toMatchObject({ code: 121, message: 'Document failed validation (notes): title is required' });
    await client.db('guard').collection('notes').insertOne({ title: 'valide' });
    expect(await client.db('guard').collection('notes').countDocuments({})).toBe(3);
  });

  it('when a legacy OP_QUERY carries anything but the handshake, then the guard closes the connection without forwarding it', async () => {
    const reply = await sendRaw(
      legacyQuery('guard.$cmd', { delete: 'notes', deletes: [{ q: {}, limit: 0 }] }),
    );

    expect(reply.length).toBe(0);
    expect(await client.db('guard').collection('notes').countDocuments({})).toBe(3);
  });

  it('when a message declares an impossible length, then the guard closes that connection and keeps serving others', async () => {
    const header = Buffer.alloc(16);
    header.writeInt32LE(5, 0);
    header.writeInt32LE(2013, 12);

    expect((await sendRaw(header)).length).toBe(0);
    expect(await client.db('guard').collection('notes').countDocuments({})).toBe(3);
  });

  it('when the store runs, then the administrators socket sits in the store folder, which only its owner can enter', () => {
    const socket = decodeURIComponent(new URL(store.adminUri).host);

    expect(socket).toBe(join(dataDir, 'admin.sock'));
    expect(statSync(dataDir).mode & 0o077).toBe(0);
    expect(statSync(socket).isSocket()).toBe(true);
  });
});
