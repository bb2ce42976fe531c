// `npm run user:create -- --email E --role R [--name N]`: adds a user to DATABASE_URL (or to the embedded database
// `npm start` runs). The password comes from PACTWATCH_PASSWORD or a prompt that does not echo; it is never printed
// or logged.
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { PrismaPg } from '@prisma/adapter-pg';
import { Prisma, PrismaClient } from '../lib/generated/prisma/client.ts';
import { hashForStorage, insertCredentialUser, passwordProblem } from '../lib/auth/credentials.ts';
import { ROLES, isRole } from '../lib/auth/permissions.ts';
import { recordAudit } from '../lib/data/audit.ts';
import { emailSchema } from '../lib/validation/users.ts';
import { scriptDatabaseUrl } from './env.ts';

const USAGE = `usage: npm run user:create -- --email <e-mail> --role <${ROLES.join('|')}> [--name <name>]
The password is read from PACTWATCH_PASSWORD, or asked for (not echoed).`;

function fail(message: string, code = 2): never {
  console.error(message);
  process.exit(code);
}

/** Reads one line from the terminal without echoing it; from a pipe, reads the first line. */
async function promptHidden(question: string): Promise<string> {
  const stdin = process.stdin;
  process.stderr.write(question);
  if (!stdin.isTTY) {
    const rl = createInterface({ input: stdin, terminal: false });
    try {
      for await (const line of rl) return line;
      return '';
    } finally {
      rl.close();
      process.stderr.write('\n');
    }
  }
  return new Promise((resolve, reject) => {
    let value = '';
    const finish = () => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write('\n');
    };
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (char === '\r' || char === '\n' || char === '\u0004') {
          finish();
          resolve(value);
          return;
        }
        if (char === '\u0003') {
          finish();
          reject(new Error('cancelled'));
          return;
        }
        if (char === '\u007f' || char === '\b') value = value.slice(0, -1);
        else value += char;
      }
    };
    stdin.setRawMode(true);
    stdin.setEncoding('utf8');
    stdin.on('data', onData);
    stdin.resume();
  });
}

async function readPassword(): Promise<string> {
  const fromEnv = process.env.PACTWATCH_PASSWORD;
  if (fromEnv !== undefined) return fromEnv;
  const password = await promptHidden('Password (not shown): ');
  if (passwordProblem(password)) return password;
  if (process.stdin.isTTY && (await promptHidden('Same password again: ')) !== password) {
    fail('The two passwords differ; nothing was created.');
  }
  return password;
}

const { values } = parseArgs({
  options: { email: { type: 'string' }, role: { type: 'string' }, name: { type: 'string' } },
});
const email = emailSchema.safeParse(values.email ?? '');
if (!values.email || !email.success) fail(`${values.email ? 'Not a valid e-mail address.\n' : ''}${USAGE}`);
if (!isRole(values.role)) fail(`${values.role ? `Unknown role "${values.role}".\n` : ''}${USAGE}`);
const role = values.role;
const name = values.name?.trim() || email.data.split('@')[0];

const databaseUrl = await scriptDatabaseUrl();
let password: string;
try {
  password = await readPassword();
} catch {
  fail('Cancelled; nothing was created.', 130);
}
const problem = passwordProblem(password);
if (problem) fail(`Password refused: ${problem} Nothing was created.`);

const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl, max: 1 }) });
try {
  const passwordHash = await hashForStorage(password);
  const user = await prisma.$transaction(async (tx) => {
    const created = await insertCredentialUser(tx, { email: email.data, name, role, passwordHash });
    await recordAudit(tx, {
      actorId: null,
      action: 'create',
      entityType: 'User',
      entityId: created.id,
      after: { email: created.email, name: created.name, role: created.role, via: 'user:create' },
    });
    return created;
  });
  console.log(`Created ${user.role} ${user.email} ("${user.name}").`);
} catch (error) {
  if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
    fail(`A user with the e-mail ${email.data} already exists; nothing was created.`, 1);
  }
  throw error;
} finally {
  await prisma.$disconnect();
}
