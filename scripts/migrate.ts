/**
 * Brings the PostgreSQL database named by DATABASE_URL to this release's
 * schema: applies every pending migration, in order, each in one transaction.
 * Safe to run while instances are up and from several places at once (an
 * advisory lock lets one migrator work at a time).
 *
 *   DATABASE_URL=postgres://... npm run migrate
 */
import { readConfig } from '../src/config.ts';
import { migrate, MIGRATIONS } from '../src/store/postgres-migrations.ts';
import { openPool } from '../src/store/postgres-store.ts';

try {
  const config = readConfig();
  if (!config.database) throw new Error('DATABASE_URL is not set: the embedded lowdb store needs no migrations. Set DATABASE_URL to the PostgreSQL database to migrate.');
  const pool = openPool({ url: config.database.url, maxConnections: 1 });
  try {
    const applied = await migrate(pool);
    const latest = MIGRATIONS.at(-1)?.version ?? 0;
    console.log(applied.length ? `Applied migration(s) ${applied.join(', ')}; the database is at version ${latest}.` : `Nothing to do: the database is already at version ${latest}.`);
  } finally {
    await pool.end();
  }
} catch (error) {
  console.error(`The migration did not run. ${(error as Error).message}`);
  process.exit(1);
}
