// `npm run db:migrate`: applies pending migrations to DATABASE_URL.
import { migrate } from '../lib/migrations.ts';
import { requireDatabaseUrl } from './env.ts';

const applied = await migrate(requireDatabaseUrl(), { log: (line) => console.log(line) });
console.log(applied.length ? `applied ${applied.length} migration(s)` : 'database is up to date');
