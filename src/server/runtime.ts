import { RESET_LINK_MINUTES, useResetMailer } from '../auth/reset-links.ts';
import { readConfig } from '../config.ts';
import { seedDemo } from '../seed/demo.ts';
import { openServices, type Services } from './services.ts';
import { smtpInviteMailer, smtpMailer, smtpResetMailer, smtpSignOffMailer } from '../notifications/mail.server.ts';
import { useSignOffMailer } from '../signoff/signoff.server.ts';
import { useInviteMailer, useMailer } from '../notifications/notify.server.ts';
import { loadSearchIndex } from '../search/search.server.ts';
import { pathCatalogue } from '../curriculum/collections.ts';
import { sendRenewalReminders } from '../renewal/renewal.server.ts';
import type { Store } from '../store/index.ts';

/** How often the server looks for renewal reminders that have fallen due. */
const REMINDER_SWEEP_MS = 12 * 60 * 60 * 1000;

/**
 * Sends renewal reminders shortly after start and twice a day after that.
 * Each reminder goes out once (its notification key), so several instances
 * sweeping the same database send nothing twice.
 */
function scheduleRenewalReminders(store: Store): void {
  const sweep = () =>
    void pathCatalogue()
      .then((catalogue) => sendRenewalReminders(store, catalogue))
      .catch((error: unknown) => console.warn(`PeerPath: renewal reminders could not be sent this time (${(error as Error).message}); the next sweep tries again.`));
  setTimeout(sweep, 10_000).unref();
  setInterval(sweep, REMINDER_SWEEP_MS).unref();
}

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
  useSignOffMailer(config.smtpUrl ? smtpSignOffMailer(config.smtpUrl, config.mailFrom) : undefined, config.publicUrl);
  useResetMailer(config.smtpUrl ? smtpResetMailer(config.smtpUrl, config.mailFrom, RESET_LINK_MINUTES) : undefined, config.publicUrl);
  await loadSearchIndex(store);
  scheduleRenewalReminders(store);
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
