import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { upsertOrganization } from '../../db/organization-repository.js';
import { findUserByEmail } from '../../db/user-repository.js';
import { apiDepsOf, signIn, startApi } from '../support/api-client.js';
import { createTestContext, type TestContext } from '../support/context.js';
import { runMonitorToExit } from '../support/monitor-process.js';

let context: TestContext;
let api: Awaited<ReturnType<typeof startApi>>;

beforeAll(async () => {
  context = await createTestContext('users-cli');
  api = await startApi(apiDepsOf(context));
  await upsertOrganization(context.store.models, { slug: 'portage', name: 'Portage' });
});

afterAll(async () => {
  await api.close();
  await context.dispose();
});

// The same Redis as the API, as beside a running monitor: the command's writes reach the API's caches.
const env = () => ({
  MONITOR_MONGODB_URI: inject('mongodbUri'),
  MONITOR_MONGODB_DB: context.config.mongo.dbName,
  MONITOR_REDIS_URL: inject('redisUrl'),
  MONITOR_QUEUE_PREFIX: context.config.jobs.queuePrefix,
});
const users = (args: string[], stdin?: string, locale: Record<string, string> = {}) =>
  runMonitorToExit(['users', ...args], { ...env(), ...locale }, stdin === undefined ? {} : { stdin });
const FRENCH = { LANG: 'fr_CA.UTF-8' };

describe('monitor users', () => {
  it('when the first admin is added, then a generated password is printed once and signs in', async () => {
    const result = await users(['add', '--email', 'Admin@Portage.example', '--role', 'admin', '--org', 'portage']);

    expect(result.code).toBe(0);
    const password = /^created admin@portage\.example, admin of portage; password: (\S+)$/m.exec(result.stdout)?.[1];
    expect(password).toBeDefined();
    const session = await signIn(api.base, 'admin@portage.example', password!);
    expect((await session.request('GET', '/api/audit')).status).toBe(200);
  });

  it('when the password comes on stdin, then it is used and not printed; a second role is added to the same account', async () => {
    const created = await users(['add', '--email', 'reviewer@portage.example', '--role', 'reviewer', '--org', 'rseq-monteregie', '--password-stdin'], 'a-long-password-from-stdin\n');
    const added = await users(['add', '--email', 'reviewer@portage.example', '--role', 'reviewer', '--org', 'portage']);

    expect(created.stdout).toBe('created reviewer@portage.example, reviewer of rseq-monteregie\n');
    expect(added.stdout).toBe('reviewer@portage.example is now reviewer of portage\n');
    expect((await findUserByEmail(context.store.models, 'reviewer@portage.example'))!.memberships.map((m) => m.org)).toEqual(['rseq-monteregie', 'portage']);
    await signIn(api.base, 'reviewer@portage.example', 'a-long-password-from-stdin');
  });

  it('when an API token is created, then it authenticates; when the user is disabled, it stops', async () => {
    const token = (await users(['token', '--email', 'reviewer@portage.example', '--name', 'tableau de bord'])).stdout.trim();
    const call = () => fetch(`${api.base}/api/flags`, { headers: { authorization: `Bearer ${token}` } });

    expect(token).toMatch(/^mon_[A-Za-z0-9_-]{43}$/);
    expect((await call()).status).toBe(200);
    const disabled = await users(['disable', '--email', 'reviewer@portage.example']);
    expect(disabled.code).toBe(0);
    expect((await call()).status).toBe(401);
  });

  it('when the input is wrong, then one clear line names it and exit code is 1', async () => {
    const [badRole, badOrg, weak, badEmail, unknownUser] = await Promise.all([
      users(['add', '--email', 'x@portage.example', '--role', 'boss', '--org', 'portage']),
      users(['add', '--email', 'x@portage.example', '--role', 'reviewer', '--org', 'nowhere']),
      users(['add', '--email', 'y@portage.example', '--role', 'reviewer', '--org', 'portage', '--password-stdin'], 'short\n'),
      users(['add', '--email', 'not-an-email', '--role', 'reviewer', '--org', 'portage']),
      users(['token', '--email', 'ghost@portage.example', '--name', 'n']),
    ]);

    expect([badRole.code, badOrg.code, weak.code, badEmail.code, unknownUser.code]).toEqual([1, 1, 1, 1, 1]);
    expect(badRole.stderr).toBe('monitor: --role: "boss" is not one of reviewer, safeguarding_officer, admin, group_creator\n');
    expect(badOrg.stderr).toBe('monitor: --org: no organization or rule pack named "nowhere"\n');
    expect(weak.stderr).toBe('monitor: password: at least 12 characters are required\n');
    expect(badEmail.stderr).toBe('monitor: --email: "not-an-email" is not an e-mail address\n');
    expect(unknownUser.stderr).toBe('monitor: no user with e-mail ghost@portage.example\n');
    expect(await findUserByEmail(context.store.models, 'x@portage.example')).toBeUndefined();
  });

  it('when the terminal is French, then what is created, added, disabled and refused is said in French', async () => {
    const created = await users(['add', '--email', 'agente@portage.example', '--role', 'reviewer', '--org', 'portage', '--password-stdin'], 'un-mot-de-passe-assez-long\n', FRENCH);
    const added = await users(['add', '--email', 'agente@portage.example', '--role', 'admin', '--org', 'portage'], undefined, FRENCH);
    const disabled = await users(['disable', '--email', 'agente@portage.example'], undefined, FRENCH);
    const [badRole, badOrg, weak, badEmail, unknownUser, unknownOption, usage] = await Promise.all([
      users(['add', '--email', 'z@portage.example', '--role', 'patron', '--org', 'portage'], undefined, FRENCH),
      users(['add', '--email', 'z@portage.example', '--role', 'reviewer', '--org', 'nulle-part'], undefined, FRENCH),
      users(['add', '--email', 'z@portage.example', '--role', 'reviewer', '--org', 'portage', '--password-stdin'], 'court\n', FRENCH),
      users(['add', '--email', 'pas-un-courriel', '--role', 'reviewer', '--org', 'portage'], undefined, FRENCH),
      users(['disable', '--email', 'fantome@portage.example'], undefined, FRENCH),
      users(['add', '--email', 'z@portage.example', '--role', 'reviewer', '--org', 'portage', '--admin'], undefined, FRENCH),
      users([], undefined, FRENCH),
    ]);

    expect(created.stdout).toBe('compte agente@portage.example créé, reviewer de portage\n');
    expect(added.stdout).toBe('agente@portage.example est maintenant admin de portage\n');
    expect(disabled.stdout).toBe('agente@portage.example désactivé ; ses sessions et jetons ne fonctionnent plus\n');
    expect(badRole.stderr).toBe(`monitor: --role : "patron" n'est pas l'un de reviewer, safeguarding_officer, admin, group_creator\n`);
    expect(badOrg.stderr).toBe('monitor: --org : aucune organisation ni paquet de règles nommé "nulle-part"\n');
    expect(weak.stderr).toBe('monitor: mot de passe : au moins 12 caractères sont requis\n');
    expect(badEmail.stderr).toBe(`monitor: --email : "pas-un-courriel" n'est pas une adresse courriel\n`);
    expect(unknownUser.stderr).toBe('monitor: aucun compte avec le courriel fantome@portage.example\n');
    expect(unknownOption.stderr).toMatch(/^monitor: option inconnue --admin ; utilisation : monitor users add --email <courriel>/);
    expect(usage.stderr).toMatch(/^monitor: utilisation : monitor users add/);
    expect([badRole, badOrg, weak, badEmail, unknownUser, unknownOption, usage].map((result) => result.code)).toEqual([1, 1, 1, 1, 1, 1, 1]);
    expect(await findUserByEmail(context.store.models, 'z@portage.example')).toBeUndefined();
  });
});
