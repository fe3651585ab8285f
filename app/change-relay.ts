import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import type { ChangeFeed, StoreChange } from '../db/change-feed.js';

/** Ids per message: a bulk insert of thousands of documents goes out in several messages. */
const IDS_PER_MESSAGE = 500;
import { appLogger } from '../lib/logger.js';

export interface ChangeRelay {
  /** Sends what is still queued, then disconnects. */
  close(): Promise<void>;
}

interface RelayMessage {
  origin: string;
  collection: string;
  ids?: string[];
}

function parseMessage(raw: string): RelayMessage | undefined {
  try {
    const message = JSON.parse(raw) as Partial<RelayMessage>;
    if (typeof message.origin !== 'string' || typeof message.collection !== 'string') return undefined;
    if (message.ids !== undefined && !(Array.isArray(message.ids) && message.ids.length <= IDS_PER_MESSAGE && message.ids.every((id) => typeof id === 'string'))) {
      return undefined;
    }
    return message as RelayMessage;
  } catch {
    return undefined;
  }
}

/**
 * Carries store writes between processes over Redis pub/sub: this process's writes are published
 * (collection and ids only, never contents), other processes' writes are replayed on the local
 * feed. Pub/sub drops messages while a subscriber is disconnected, so after a reconnection the
 * local feed hears `*` (everything may have changed) and read models reload.
 */
export function startChangeRelay(feed: ChangeFeed, options: { redisUrl: string; channel: string }): ChangeRelay {
  const origin = randomUUID();
  const publisher = new Redis(options.redisUrl, { maxRetriesPerRequest: 1 });
  const subscriber = new Redis(options.redisUrl, { maxRetriesPerRequest: null });
  for (const client of [publisher, subscriber]) {
    client.on('error', (error: Error) => appLogger.debug({ err: error.message }, 'change relay: redis error'));
  }

  let readyBefore = false;
  subscriber.on('ready', () => {
    if (readyBefore) feed.announce({ collection: '*', remote: true });
    readyBefore = true;
  });
  subscriber.subscribe(options.channel).catch((error: Error) => appLogger.debug({ err: error.message }, 'change relay: cannot subscribe'));
  subscriber.on('message', (_channel: string, raw: string) => {
    const message = parseMessage(raw);
    if (!message || message.origin === origin) return;
    feed.announce({ collection: message.collection, ...(message.ids ? { ids: message.ids } : {}), remote: true });
  });

  const stopListening = feed.subscribe((change: StoreChange) => {
    if (change.remote) return;
    const chunks: (string[] | undefined)[] = [];
    if (!change.ids) chunks.push(undefined);
    else for (let at = 0; at < change.ids.length; at += IDS_PER_MESSAGE) chunks.push(change.ids.slice(at, at + IDS_PER_MESSAGE));
    for (const ids of chunks) {
      const message: RelayMessage = { origin, collection: change.collection, ...(ids ? { ids } : {}) };
      // A lost message only delays readers until their periodic reload.
      publisher.publish(options.channel, JSON.stringify(message)).catch((error: Error) => appLogger.debug({ err: error.message }, 'change relay: publish failed'));
    }
  });

  return {
    async close() {
      stopListening();
      await Promise.all([closeClient(publisher), closeClient(subscriber)]);
    },
  };
}

/**
 * QUIT on a client that never connected waits in its offline queue forever (a start-up that
 * fails because Redis is unreachable would never exit), so such a client is just disconnected.
 */
async function closeClient(client: Redis): Promise<void> {
  if (client.status === 'ready') await client.quit().catch(() => undefined);
  client.disconnect();
}

/** One channel per database: processes on other databases (tests, other deployments) are not disturbed. */
export function changeChannel(queuePrefix: string, dbName: string): string {
  return `${queuePrefix}:store-changes:${dbName}`;
}
