import { RESET_LINK_MINUTES, useResetMailer } from '../auth/reset-links.ts';
import { readConfig } from '../config.ts';
import { seedDemo } from '../seed/demo.ts';
import { openServices, type Services } from './services.ts';
import { smtpInviteMailer, smtpMailer, smtpResetMailer } from '../notifications/mail.server.ts';
import { useInviteMailer, useMailer } from '../notifications/notify.server.ts';
import { loadSearchIndex } from '../search/search.server.ts';

/** The long-lived services of one server process. */
export type Runtime = Services;

let runtime: Promise<Runtime> | undefined;

async function start(): Promise<Runtime> {
  const { config, store, auth } = await openServices(readConfig());
  if (!(await store.hasAccounts())) {
    if (config.seedDemo) await seedDemo(auth, store);
    else console.log('PeerPath: there are no accounts yet. To create the operator, who adds the first organisation, run: npm run create-operator -- --email you@example.org --name "Your name" (with the embedded store, stop this server first).');
  }
  useMailer(config.smtpUrl ? smtpMailer(config.smtpUrl, config.mailFrom, config.publicUrl) : undefined);
  useInviteMailer(config.smtpUrl ? smtpInviteMailer(config.smtpUrl, config.mailFrom) : undefined);
  useResetMailer(config.smtpUrl ? smtpResetMailer(config.smtpUrl, config.mailFrom, RESET_LINK_MINUTES) : undefined, config.publicUrl);
  await loadSearchIndex(store);
  return { config, store, auth };
}

/** Opens the store and auth once per process, on first use. A failed start is retried on the next call. */
export function getRuntime(): Promise<Runtime> {
  runtime ??= start().catch((error: unknown) => {
    runtime = undefined;
    throw error;
  });
  return runtime;
}
