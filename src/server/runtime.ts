import { createAuth, type Auth } from '../auth/auth.ts';
import { readConfig, type AppConfig } from '../config.ts';
import { seedDemo } from '../seed/demo.ts';
import { openStore, type Store } from '../store/index.ts';
import { authSecret } from './secret.ts';
import { smtpInviteMailer, smtpMailer } from '../notifications/mail.server.ts';
import { useInviteMailer, useMailer } from '../notifications/notify.server.ts';
import { loadSearchIndex } from '../search/search.server.ts';

/** The long-lived services of one server process. */
export type Runtime = { config: AppConfig; store: Store; auth: Auth };

let runtime: Promise<Runtime> | undefined;

async function start(): Promise<Runtime> {
  const config = readConfig();
  const store = await openStore(config);
  const secret = config.authSecret ?? (await store.sharedSecret?.()) ?? authSecret(undefined, config.dataDir, config.store !== 'memory');
  const auth = createAuth({ store, config, secret });
  if (config.seedDemo && !(await store.hasAccounts())) await seedDemo(auth, store);
  useMailer(config.smtpUrl ? smtpMailer(config.smtpUrl, config.mailFrom, config.publicUrl) : undefined);
  useInviteMailer(config.smtpUrl ? smtpInviteMailer(config.smtpUrl, config.mailFrom) : undefined);
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
