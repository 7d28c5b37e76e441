import { createAuth, type Auth } from '../auth/auth.ts';
import type { AppConfig } from '../config.ts';
import { openStore, type Store } from '../store/index.ts';
import { authSecret } from './secret.ts';

/** The store and the auth service over it, as the server and the command-line tools open them. */
export type Services = { config: AppConfig; store: Store; auth: Auth };

/**
 * Opens the store and builds auth with the installation's secret: AUTH_SECRET
 * when set, else the one kept in a shared database, else the one kept in the
 * data folder. Every process of an installation gets the same secret this way,
 * so a link made by a command works on the site.
 */
export async function openServices(config: AppConfig): Promise<Services> {
  const store = await openStore(config);
  const secret = config.authSecret ?? (await store.sharedSecret?.()) ?? authSecret(undefined, config.dataDir, config.store !== 'memory');
  return { config, store, auth: createAuth({ store, config, secret }) };
}
