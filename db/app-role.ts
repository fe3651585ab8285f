import { AUDIT_EVENTS_COLLECTION } from './models/audit-events.js';

/**
 * The MongoDB role the monitor's own database user should hold in production. It is what the
 * embedded store's guard enforces (embedded/go/guard.go): every collection may be read and
 * written, except the audit log, which may only be appended to and read. Privileges are listed
 * per collection because MongoDB adds them up: a grant on the whole database would include
 * `update` and `remove` on the audit log too.
 *
 * Create it once as an administrator, e.g. in mongosh:
 *   db.getSiblingDB('monitor').runCommand(appRoleCommand('monitor', collectionNames))
 *   db.getSiblingDB('monitor').createUser({ user: 'monitor_app', pwd: '…', roles: ['monitorApp'] })
 */
export const APP_ROLE = 'monitorApp';

/** Collections the app may only insert into and read. */
export const APPEND_ONLY_COLLECTIONS: readonly string[] = [AUDIT_EVENTS_COLLECTION];

const SET_UP = ['createCollection', 'createIndex', 'listIndexes', 'collMod'];
const READ_WRITE = ['find', 'insert', 'update', 'remove', ...SET_UP];
const APPEND_ONLY = ['find', 'insert', ...SET_UP];

export interface RolePrivilege {
  resource: { db: string; collection: string };
  actions: string[];
}

export function appRolePrivileges(dbName: string, collections: readonly string[]): RolePrivilege[] {
  return [
    { resource: { db: dbName, collection: '' }, actions: ['listCollections'] },
    ...collections.map((collection) => ({
      resource: { db: dbName, collection },
      actions: APPEND_ONLY_COLLECTIONS.includes(collection) ? APPEND_ONLY : READ_WRITE,
    })),
  ];
}

export function appRoleCommand(dbName: string, collections: readonly string[]): Record<string, unknown> {
  return { createRole: APP_ROLE, privileges: appRolePrivileges(dbName, collections), roles: [] };
}
