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
import { terminalLocale } from '../../config/terminal-locale.js';
import { NotFoundError } from '../../lib/errors.js';
import { openStoreForCommand } from '../context.js';
import { checkArguments, readFlag, usageError } from './args.js';

const USAGE = {
  en: `usage: monitor users add --email <e-mail> --role <${ROLES.join('|')}> --org <slug> [--name <display name>] [--password-stdin]
       monitor users token --email <e-mail> --name <token name>
       monitor users disable --email <e-mail>`,
  fr: `utilisation : monitor users add --email <courriel> --role <${ROLES.join('|')}> --org <identifiant> [--name <nom affiché>] [--password-stdin]
              monitor users token --email <courriel> --name <nom du jeton>
              monitor users disable --email <courriel>`,
};

/** What the command prints, in the terminal's language. */
const TEXT = {
  en: {
    joined: (address: string, role: string, org: string) => `${address} is now ${role} of ${org}`,
    created: (address: string, role: string, org: string, password: string | undefined) =>
      `created ${address}, ${role} of ${org}${password === undefined ? '' : `; password: ${password}`}`,
    disabled: (address: string) => `${address} disabled; their sessions and tokens no longer work`,
  },
  fr: {
    joined: (address: string, role: string, org: string) => `${address} est maintenant ${role} de ${org}`,
    created: (address: string, role: string, org: string, password: string | undefined) =>
      `compte ${address} créé, ${role} de ${org}${password === undefined ? '' : ` ; mot de passe : ${password}`}`,
    disabled: (address: string) => `${address} désactivé ; ses sessions et jetons ne fonctionnent plus`,
  },
};

const ARGUMENTS = { withValue: ['--email', '--role', '--org', '--name'], switches: ['--password-stdin'] };

const email = z.email();

/** `monitor users …`: the first administrator, more accounts, API tokens; every change is audited. */
export async function runUsersCommand(args: string[]): Promise<void> {
  const [sub, ...rest] = args;
  if (sub !== 'add' && sub !== 'token' && sub !== 'disable') throw usageError(USAGE);
  checkArguments(rest, ARGUMENTS, USAGE);
  const text = TEXT[terminalLocale()];
  const address = readFlag(rest, '--email').trim().toLowerCase();
  if (!email.safeParse(address).success) {
    throw usageError({ en: `--email: ${JSON.stringify(address)} is not an e-mail address`, fr: `--email : ${JSON.stringify(address)} n'est pas une adresse courriel` });
  }
  const role = sub === 'add' ? readRole(rest) : undefined;
  const org = sub === 'add' ? readFlag(rest, '--org') : undefined;
  const tokenName = sub === 'token' ? readFlag(rest, '--name') : undefined;

  const { store, close } = await openStoreForCommand(loadConfig());
  try {
    const models = store.models;
    if (sub === 'add') {
      if (!(await getOrganization(models, org!)) && !existsSync(packPathFor(org!))) {
        throw usageError({
          en: `--org: no organization or rule pack named ${JSON.stringify(org)}`,
          fr: `--org : aucune organisation ni paquet de règles nommé ${JSON.stringify(org)}`,
        });
      }
      const existing = await findUserByEmail(models, address);
      if (existing) {
        await addMembership(models, address, { org: org!, role: role! });
        process.stdout.write(`${text.joined(address, role!, org!)}\n`);
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
        process.stdout.write(`${text.created(address, role!, org!, given === undefined ? password : undefined)}\n`);
      }
      await recordAudit(models, { actor: 'cli', action: 'user.membership_added', org: org!, target: `user:${address}`, data: { role: role! } });
    } else if (sub === 'token') {
      const user = await findUserByEmail(models, address);
      if (!user) throw new NotFoundError(`no user with e-mail ${address}`, { fr: `aucun compte avec le courriel ${address}` });
      const token = newSecretToken('mon_');
      await insertApiToken(models, { tokenHash: tokenHash(token), userId: String(user._id), name: tokenName! });
      await recordAudit(models, { actor: 'cli', action: 'user.token_created', target: `user:${address}`, data: { name: tokenName! } });
      process.stdout.write(`${token}\n`);
    } else {
      const user = await findUserByEmail(models, address);
      if (!user) throw new NotFoundError(`no user with e-mail ${address}`, { fr: `aucun compte avec le courriel ${address}` });
      await setUserDisabled(models, String(user._id), true);
      await recordAudit(models, { actor: 'cli', action: 'user.disabled', target: `user:${address}` });
      process.stdout.write(`${text.disabled(address)}\n`);
    }
  } finally {
    await close();
  }
}

function readRole(args: string[]): Role {
  const role = readFlag(args, '--role');
  if (!(ROLES as readonly string[]).includes(role)) {
    throw usageError({ en: `--role: ${JSON.stringify(role)} is not one of ${ROLES.join(', ')}`, fr: `--role : ${JSON.stringify(role)} n'est pas l'un de ${ROLES.join(', ')}` });
  }
  return role as Role;
}
