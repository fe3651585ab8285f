import { pino, destination, type Logger, type LevelWithSilent } from 'pino';

/**
 * One logger per subsystem, created here once and imported where needed. Output is JSON lines on
 * stderr, so user-supplied text with CR/LF or ANSI codes is escaped by the serializer.
 */
const root = pino({
  name: 'monitor',
  level: 'info',
  base: undefined,
  timestamp: pino.stdTimeFunctions.isoTime,
  redact: {
    paths: ['*.password', '*.passwordHash', '*.token', '*.secret', '*.uri', 'uri', 'password', 'token'],
    censor: '[redacted]',
  },
}, destination(2));

const loggers: Logger[] = [];

function subsystem(name: string): Logger {
  const logger = root.child({ subsystem: `monitor:${name}` });
  loggers.push(logger);
  return logger;
}

export const appLogger = subsystem('app');
export const serversLogger = subsystem('servers');
export const dbLogger = subsystem('db');
export const jobsLogger = subsystem('jobs');
export const apiLogger = subsystem('api');
export const crawlerLogger = subsystem('crawler');
export const classifierLogger = subsystem('classifier');

/** Applies the configured level to every subsystem logger (children keep their own level). */
export function setLogLevel(level: LevelWithSilent): void {
  root.level = level;
  for (const logger of loggers) logger.level = level;
}
