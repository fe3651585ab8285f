import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHttpServer } from './http-server.js';
import { createApp } from '../api/app.js';
import type { LoadedConfig } from '../config/index.js';
import { terminalLocale } from '../config/terminal-locale.js';
import { assertChromiumAvailable } from '../crawler/chromium.js';
import { startWorkerPool, type WorkerPool } from '../jobs/worker.js';
import { StartupError } from '../lib/errors.js';
import { appLogger, setLogLevel } from '../lib/logger.js';
import { buildContext, type AppContext } from './context.js';
import { relayPendingCrawlRequests } from '../jobs/crawl-requests.js';
import { requeueUnclassifiedPosts } from '../jobs/reconcile.js';
import { buildApiDeps } from './api-deps.js';
import { seedDemo } from './demo.js';
import { buildProcessors } from './processors.js';
import { listCrawledOrgs } from '../db/source-repository.js';
import { syncCrawlSchedules, syncDiscoverySchedules, syncRetentionSchedule } from './scheduler.js';

/** The two lines `monitor start` prints for people, in the terminal's language (scripts match either). */
const START_TEXT = {
  en: { listening: 'Monitor listening on', demoLogin: 'Demo console login:' },
  fr: { listening: "Veille à l'écoute sur", demoLogin: 'Connexion à la console de démonstration :' },
};

export interface MonitorRoles {
  api: boolean;
  worker: boolean;
}

/**
 * Runs the API, the workers, or both in this process until SIGINT/SIGTERM, then shuts down in
 * order: stop accepting HTTP, let active jobs finish (bounded), close connections, stop servers.
 */
export async function runMonitor(loaded: LoadedConfig, roles: MonitorRoles): Promise<void> {
  const { config } = loaded;
  setLogLevel(config.logLevel);
  if (roles.worker) assertChromiumAvailable(config.crawler.chromiumPath);

  const context = await buildContext(loaded, { waitForDependenciesMs: config.dependencyWaitMs });
  // Listened for from here on: a signal while workers and the API start (a job may already be
  // running) means an orderly shutdown once start-up is done, not an abrupt end.
  const shutdownSignal = waitForShutdownSignal();
  let server: Server | undefined;
  let apiDeps: ReturnType<typeof buildApiDeps> | undefined;
  let pool: WorkerPool | undefined;
  try {
    const demoLogin = config.demo ? await seedDemo(context) : undefined;
    if (roles.worker) {
      pool = await startWorkers(context);
      appLogger.info({ sources: await syncCrawlSchedules(context), discovery: await syncDiscoverySchedules(context) }, 'crawl schedules in place');
      await syncRetentionSchedule(context);
    }
    if (roles.api) {
      apiDeps = buildApiDeps(context);
      server = await listen(context, apiDeps);
    }
    if (roles.api && demoLogin) {
      process.stdout.write(`${START_TEXT[terminalLocale()].demoLogin} ${demoLogin.email} / ${demoLogin.password}\n`);
    }
  } catch (error) {
    await pool?.close(config.jobs.shutdownGraceMs);
    await context.close();
    throw error;
  }

  await shutdownSignal;
  appLogger.info('shutting down');
  if (server) await closeServer(server);
  await apiDeps?.close();
  await pool?.close(config.jobs.shutdownGraceMs);
  await context.close();
  appLogger.info('stopped');
  // Everything this process owns is closed; jobs abandoned past the grace (a fetch stuck on a
  // silent host) would otherwise keep the process alive until their own timeouts.
  process.exit(0);
}

const RECONCILE_EVERY_MS = 5 * 60_000;
const RECONCILE_AFTER_MS = 2 * 60_000;
/** How often saved crawl requests that could not be queued (Redis down) are tried again. */
const RELAY_EVERY_MS = 5_000;
/** How often sources added or changed since (monitor sources add) get their schedules. */
const SCHEDULE_SYNC_EVERY_MS = 60_000;

async function startWorkers(context: AppContext): Promise<WorkerPool> {
  const resources = buildProcessors(context);
  const pool = await startWorkerPool({
    redisUrl: context.redisUrl,
    prefix: context.config.jobs.queuePrefix,
    concurrency: context.config.jobs.concurrency,
    processors: resources.processors,
  });
  appLogger.info({ queues: pool.queues }, 'workers started');
  const { models } = context.store;
  const orgsWithSources = await listCrawledOrgs(models);
  void resources.warmUp(orgsWithSources).then(
    () => appLogger.info({ orgs: orgsWithSources }, 'classifier threads ready'),
    (error: Error) => appLogger.warn({ err: error.message }, 'classifier warm-up failed; threads start on the first post'),
  );
  const stopRounds = [
    // Posts left unclassified (a lost job, a crash between store and queue) are queued again.
    everyRound(RECONCILE_EVERY_MS, { now: true }, async () => {
      const count = await requeueUnclassifiedPosts(models, context.queues, { olderThanMs: RECONCILE_AFTER_MS }).catch((error: Error) => {
        appLogger.warn({ err: error.message }, 'reconciler failed; next round will retry');
        return 0;
      });
      if (count > 0) appLogger.info({ count }, 'unclassified posts queued again');
    }),
    // Crawl requests saved while Redis was down are queued once it answers again (an outbox).
    everyRound(RELAY_EVERY_MS, {}, async () => {
      const count = await relayPendingCrawlRequests(models, context.queues).catch((error: Error) => {
        appLogger.debug({ err: error.message }, 'crawl requests not relayed yet');
        return 0;
      });
      if (count > 0) appLogger.info({ count }, 'saved crawl requests queued');
    }),
    everyRound(SCHEDULE_SYNC_EVERY_MS, {}, async () => {
      await syncCrawlSchedules(context).catch((error: Error) => appLogger.warn({ err: error.message }, 'crawl schedules not synced; next round will retry'));
    }),
  ];
  return {
    queues: pool.queues,
    async close(graceMs) {
      for (const stop of stopRounds) stop();
      await pool.close(graceMs);
      await resources.close();
    },
  };
}

/** Runs `round` every `everyMs` (and at once with `now`) without keeping the process alive; returns the stop. */
function everyRound(everyMs: number, options: { now?: boolean }, round: () => Promise<void>): () => void {
  if (options.now) void round();
  const timer = setInterval(() => void round(), everyMs);
  timer.unref();
  return () => clearInterval(timer);
}

async function listen(context: AppContext, deps: ReturnType<typeof buildApiDeps>): Promise<Server> {
  const { host, port } = context.config.http;
  const app = createApp(deps);
  const server = await new Promise<Server>((resolveListen, reject) => {
    const listening = createHttpServer(app);
    listening.once('error', reject);
    listening.listen(port, host, () => resolveListen(listening));
  }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'EADDRINUSE') {
      throw new StartupError(`port ${port} on ${host} is already in use: stop the program using it or set MONITOR_PORT to another port`, {
        fr: `le port ${port} sur ${host} est déjà utilisé : arrêtez le programme qui l'occupe ou choisissez un autre port avec MONITOR_PORT`,
      });
    }
    if (error.code === 'EACCES') {
      throw new StartupError(`not allowed to listen on ${host}:${port}: choose a port above 1024 with MONITOR_PORT`, {
        fr: `écoute sur ${host}:${port} non permise : choisissez un port au-dessus de 1024 avec MONITOR_PORT`,
      });
    }
    throw error;
  });
  const actualPort = (server.address() as AddressInfo).port;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${actualPort}`;
  appLogger.info({ url }, 'listening');
  // A plain line for people and scripts: the URL to open.
  process.stdout.write(`${START_TEXT[terminalLocale()].listening} ${url}\n`);
  return server;
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolveClose) => {
    server.close(() => resolveClose());
    server.closeIdleConnections();
  });
}

function waitForShutdownSignal(): Promise<void> {
  return new Promise((resolveSignal) => {
    const onSignal = (signal: NodeJS.Signals) => {
      appLogger.info({ signal }, 'signal received');
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      // A second signal while shutting down means "now": Node's default handler ends the process.
      resolveSignal();
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}
