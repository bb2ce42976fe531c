// `npm run token:create -- --email E [--name N] [--read-only]`: prints one new personal API token for the user
// with that e-mail (read-write unless --read-only; a viewer's token reads only, whatever is asked). The token is
// printed once, on stdout alone, so `T=$(npm run -s token:create -- --email …)` works; it is stored only hashed.
import { parseArgs } from 'node:util';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../lib/generated/prisma/client.ts';
import { createApiToken } from '../lib/api/tokens.ts';
import { emailSchema } from '../lib/validation/users.ts';
import { scriptDatabaseUrl } from './env.ts';

const USAGE = 'usage: npm run token:create -- --email <e-mail> [--name <name>] [--read-only]';

function fail(message: string, code = 2): never {
  console.error(message);
  process.exit(code);
}

const { values } = parseArgs({
  options: { email: { type: 'string' }, name: { type: 'string' }, 'read-only': { type: 'boolean' } },
});
const email = emailSchema.safeParse(values.email ?? '');
if (!values.email || !email.success) fail(`${values.email ? 'Not a valid e-mail address.\n' : ''}${USAGE}`);
const name = values.name?.trim().slice(0, 100) || 'token:create';

const prisma = new PrismaClient({
  adapter: new PrismaPg({ connectionString: await scriptDatabaseUrl(), max: 1 }),
});
try {
  const user = await prisma.user.findUnique({
    where: { email: email.data },
    select: { id: true, deactivatedAt: true },
  });
  if (!user) fail(`No user with the e-mail ${email.data}.`, 1);
  if (user.deactivatedAt) fail(`${email.data} is deactivated; no token was created.`, 1);
  const { token, record } = await createApiToken(
    { name, scope: values['read-only'] ? 'read' : 'write', expiresAt: null },
    user.id,
    prisma,
    { actorId: null, via: 'token:create' },
  );
  console.error(`Created ${record.scope === 'write' ? 'read-write' : 'read-only'} token "${record.name}".`);
  console.log(token);
} finally {
  await prisma.$disconnect();
}
