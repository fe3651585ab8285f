import type { Connection } from 'mongoose';
import { announceWrites } from '../change-feed.js';
import { apiTokenSchema } from './api-tokens.js';
import { auditEventSchema } from './audit-events.js';
import { captureSchema } from './captures.js';
import { crawlRequestSchema } from './crawl-requests.js';
import { flagSchema } from './flags.js';
import { groupSchema } from './groups.js';
import { noticeSchema } from './notices.js';
import { organizationSchema } from './organizations.js';
import { postCopiesSchema } from './post-copies.js';
import { postSchema } from './posts.js';
import { reportSchema } from './reports.js';
import { ruleSetVersionSchema } from './rule-set-versions.js';
import { sessionSchema } from './sessions.js';
import { sourceSchema } from './sources.js';
import { subjectSchema } from './subjects.js';
import { suppressionSchema } from './suppressions.js';
import { userSchema } from './users.js';

// Read models in the API (review queue, sign-in cache) follow these collections through the change feed.
for (const schema of [flagSchema, postSchema, reportSchema, groupSchema, userSchema, sessionSchema, apiTokenSchema]) {
  schema.plugin(announceWrites, { collection: schema.get('collection')! });
}

/** Registers every model on one connection; repositories receive the result. */
export function registerModels(connection: Connection) {
  return {
    Organization: connection.model('Organization', organizationSchema),
    Source: connection.model('Source', sourceSchema),
    Post: connection.model('Post', postSchema),
    PostCopies: connection.model('PostCopies', postCopiesSchema),
    Capture: connection.model('Capture', captureSchema),
    Flag: connection.model('Flag', flagSchema),
    Group: connection.model('Group', groupSchema),
    Report: connection.model('Report', reportSchema),
    Subject: connection.model('Subject', subjectSchema),
    RuleSetVersion: connection.model('RuleSetVersion', ruleSetVersionSchema),
    AuditEvent: connection.model('AuditEvent', auditEventSchema),
    User: connection.model('User', userSchema),
    Session: connection.model('Session', sessionSchema),
    ApiToken: connection.model('ApiToken', apiTokenSchema),
    Notice: connection.model('Notice', noticeSchema),
    Suppression: connection.model('Suppression', suppressionSchema),
    CrawlRequest: connection.model('CrawlRequest', crawlRequestSchema),
  };
}

export type Models = ReturnType<typeof registerModels>;

/** Every collection the models use (for the MongoDB role, db/app-role.ts). */
export const COLLECTION_NAMES = [
  organizationSchema,
  sourceSchema,
  postSchema,
  postCopiesSchema,
  captureSchema,
  flagSchema,
  groupSchema,
  reportSchema,
  subjectSchema,
  ruleSetVersionSchema,
  auditEventSchema,
  userSchema,
  sessionSchema,
  apiTokenSchema,
  noticeSchema,
  suppressionSchema,
  crawlRequestSchema,
].map((schema) => schema.get('collection')!);
