/**
 * Moves an installation from the embedded store (DATA_DIR) to PostgreSQL
 * (DATABASE_URL). Stop the server first; the data folder is left untouched as
 * a backup. Then start the server with DATABASE_URL set.
 *
 *   DATA_DIR=/srv/peerpath DATABASE_URL=postgres://... npm run migrate-store
 */
import { readConfig } from '../src/config.ts';
import { moveLowdbToPostgres } from '../src/store/move-to-postgres.ts';

try {
  const config = readConfig();
  if (!config.database) throw new Error('Set DATABASE_URL to the (new, empty) PostgreSQL database to move into.');
  console.log(`Moving the data in ${config.dataDir} to PostgreSQL…`);
  const report = await moveLowdbToPostgres(config.dataDir, config.database.url);
  for (const row of report.filter((r) => r.source > 0)) console.log(`  ${row.collection.padEnd(24)} ${String(row.target).padStart(8)}`);
  console.log(`Done: ${report.reduce((sum, r) => sum + r.target, 0)} records copied and counted again. Start PeerPath with DATABASE_URL set; keep ${config.dataDir} as a backup.`);
} catch (error) {
  console.error(`Nothing was moved. ${(error as Error).message}`);
  process.exit(1);
}
