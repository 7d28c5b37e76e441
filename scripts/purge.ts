/**
 * Erases accounts inactive for longer than RETENTION_DAYS.
 *
 *   npm run purge -- --dry-run   list who would be erased, change nothing
 *   npm run purge                erase them
 *
 * With the embedded store it opens the data folder itself, so stop the server
 * first (a running server holds the folder and the purge will say so). With
 * PostgreSQL it runs beside the servers.
 */
import { purgeInactive } from '../src/account/account.server.ts';
import { readConfig } from '../src/config.ts';
import { openStore } from '../src/store/index.ts';

const dryRun = process.argv.includes('--dry-run');
try {
  const config = readConfig();
  if (config.retentionDays <= 0) {
    console.log('Retention is off (RETENTION_DAYS=0): nothing to purge.');
    process.exit(0);
  }
  const store = await openStore(config);
  const { erased, kept } = await purgeInactive(store, config.retentionDays, { dryRun });
  await store.close();
  console.log(`${dryRun ? 'Would erase' : 'Erased'} ${erased.length} account(s) inactive for more than ${config.retentionDays} days${erased.length ? `: ${erased.join(', ')}` : '.'}`);
  if (kept.length) console.log(`Kept ${kept.length} inactive account(s) because each is the last admin of an organisation: ${kept.join(', ')}`);
} catch (error) {
  console.error(`The purge did not run. ${(error as Error).message}`);
  process.exit(1);
}
