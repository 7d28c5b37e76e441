/**
 * Starts the built PeerPath server.
 *
 *   node scripts/serve.ts          production start: seeds nothing
 *   node scripts/serve.ts --demo   also seeds the demo organisation into an empty store
 *
 * With the embedded store it claims DATA_DIR before the server listens, so a
 * second server on the same data folder refuses to start instead of
 * corrupting it. With PostgreSQL (DATABASE_URL) any number may run; each
 * checks at start that the database has been migrated.
 */
import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { readConfig } from '../src/config.ts';
import { StaticFiles } from '../src/server/static-files.ts';
import { lockDataDir } from '../src/store/data-dir-lock.ts';
import { createPostgresStore } from '../src/store/postgres-store.ts';

process.env.ASTRO_TELEMETRY_DISABLED = '1';
if (process.argv.includes('--demo')) process.env.SEED_DEMO ??= '1';

const entry = resolve(process.cwd(), 'dist/server/entry.mjs');
if (!existsSync(entry)) {
  console.error('PeerPath has not been built yet: dist/server/entry.mjs is missing. Run "npm run build" first (or "npm start", which builds and serves).');
  process.exit(1);
}

let config;
try {
  config = readConfig();
  if (config.store === 'lowdb') lockDataDir(config.dataDir);
  // Reach the database and check its schema now, so a problem is said plainly instead of as a failed health check.
  if (config.database) await (await createPostgresStore({ url: config.database.url, maxConnections: 1 })).close();
} catch (error) {
  console.error(`PeerPath did not start. ${(error as Error).message}`);
  process.exit(1);
}

// Our own listener: static files from memory, everything else through Astro's handler.
process.env.ASTRO_NODE_AUTOSTART = 'disabled';
const { handler } = (await import(pathToFileURL(entry).href)) as { handler: (req: IncomingMessage, res: ServerResponse) => void };
const files = new StaticFiles(resolve(process.cwd(), 'dist/client'));
const server = createServer((req, res) => {
  if (!files.serve(req, res)) handler(req, res);
});
try {
  await new Promise<void>((listening, failed) => {
    server.once('error', failed);
    server.listen(config.port, config.host, listening);
  });
} catch (error) {
  console.error(`PeerPath could not listen on ${config.host}:${config.port}: ${(error as Error).message}. Is another server using the port? Set PORT to another one.`);
  process.exit(1);
}
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => {
    server.close();
    server.closeAllConnections();
    process.exit(0);
  });

// Open the store (and seed the demo, when asked) before telling anyone we are ready.
const host = ['0.0.0.0', '::'].includes(config.host) ? '127.0.0.1' : config.host;
const health = await fetch(`http://${host}:${config.port}/healthz`).catch((error: unknown) => error as Error);
if (health instanceof Error || !health.ok) {
  console.error(`PeerPath started but its data store is not available (${health instanceof Error ? health.message : `status ${health.status}`}). See the messages above.`);
  process.exit(1);
}
const where = { lowdb: config.dataDir, memory: 'memory', postgres: `PostgreSQL ${databaseName(config.database?.url)}` }[config.store];
console.log(`PeerPath is ready at ${config.publicUrl} (data in ${where}${config.seedDemo ? ', demo accounts seeded when empty' : ''}).`);

/** The database's host and name, never its password, for the log. */
function databaseName(url: string | undefined): string {
  if (!url) return '';
  const parsed = new URL(url);
  return `${parsed.searchParams.get('host') ?? parsed.host}${parsed.pathname}`;
}
