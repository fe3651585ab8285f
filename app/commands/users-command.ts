import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod/v4';
import { generatePassword, hashPassword } from '../../api/auth/passwords.js';
import { newSecretToken, tokenHash } from '../../api/auth/tokens.js';
import { packPathFor } from '../../classifier/rule-set/load.js';
import { recordAudit } from '../../db/audit-repository.js';
import { ROLES } from '../../db/models/users.js';
import { getOrganization } from '../../db/organization-repository.js';
import { insertApiToken } from '../../db/session-repository.js';
import { addMembership, createUser, findUserByEmail, setUserDisabled, type Role } from '../../db/user-repository.js';
import { loadConfig } from '../../config/index.js';
import { InvalidInputError, NotFoundError } from '../../lib/errors.js';
import { openStoreForCommand } from '../context.js';
import { readFlag } from './args.js';

const USAGE = `usage: monitor users add --email <e-mail> --role <${ROLES.join('|')}> --org <slug> [--name <display name>] [--password-stdin]
       monitor users token --email <e-mail> --name <token name>
       monitor users disable --email <e-mail>`;

const email = z.email();

/** `monitor users …`: the first administrator, more accounts, API tokens; every change is audited. */
export async function runUsersCommand(args: string[]): Promise<void> {
  const [sub, ...rest] = args;
  if (sub !== 'add' && sub !== 'token' && sub !== 'disable') throw new InvalidInputError(USAGE);
  const address = readFlag(rest, '--email').trim().toLowerCase();
  if (!email.safeParse(address).success) throw new InvalidInputError(`--email: ${JSON.stringify(address)} is not an e-mail address`);
  const role = sub === 'add' ? readRole(rest) : undefined;
  const org = sub === 'add' ? readFlag(rest, '--org') : undefined;
  const tokenName = sub === 'token' ? readFlag(rest, '--name') : undefined;

  const { store, close } = await openStoreForCommand(loadConfig());
  try {
    const models = store.models;
    if (sub === 'add') {
      if (!(await getOrganization(models, org!)) && !existsSync(packPathFor(org!))) {
        throw new InvalidInputError(`--org: no organization or rule pack named ${JSON.stringify(org)}`);
      }
      const existing = await findUserByEmail(models, address);
      if (existing) {
        await addMembership(models, address, { org: org!, role: role! });
        process.stdout.write(`${address} is now ${role} of ${org}\n`);
      } else {
        const given = rest.includes('--password-stdin') ? readFileSync(0, 'utf8').replace(/\r?\n$/, '') : undefined;
        const password = given ?? generatePassword();
        const displayIndex = rest.indexOf('--name');
        await createUser(models, {
          email: address,
          ...(displayIndex !== -1 ? { displayName: readFlag(rest, '--name') } : {}),
          passwordHash: await hashPassword(password),
          memberships: [{ org: org!, role: role! }],
        });
        process.stdout.write(`created ${address}, ${role} of ${org}${given ? '' : `; password: ${password}`}\n`);
      }
      await recordAudit(models, { actor: 'cli', action: 'user.membership_added', org: org!, target: `user:${address}`, data: { role: role! } });
    } else if (sub === 'token') {
      const user = await findUserByEmail(models, address);
      if (!user) throw new NotFoundError(`no user with e-mail ${address}`);
      const token = newSecretToken('mon_');
      await insertApiToken(models, { tokenHash: tokenHash(token), userId: String(user._id), name: tokenName! });
      await recordAudit(models, { actor: 'cli', action: 'user.token_created', target: `user:${address}`, data: { name: tokenName! } });
      process.stdout.write(`${token}\n`);
    } else {
      const user = await findUserByEmail(models, address);
      if (!user) throw new NotFoundError(`no user with e-mail ${address}`);
      await setUserDisabled(models, String(user._id), true);
      await recordAudit(models, { actor: 'cli', action: 'user.disabled', target: `user:${address}` });
      process.stdout.write(`${address} disabled; their sessions and tokens no longer work\n`);
    }
  } finally {
    await close();
  }
}

function readRole(args: string[]): Role {
  const role = readFlag(args, '--role');
  if (!(ROLES as readonly string[]).includes(role)) throw new InvalidInputError(`--role: ${JSON.stringify(role)} is not one of ${ROLES.join(', ')}`);
  return role as Role;
}
