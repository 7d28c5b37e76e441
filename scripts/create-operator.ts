/**
 * Creates the installation's operator: the person who adds organisations and
 * invites each one's first admin.
 *
 *   npm run create-operator -- --email you@example.org --name "Your name"
 *   npm run create-operator -- --email second@example.org --name "..." --another
 *
 * A new address gets an account without a password and a one-time link,
 * printed here, to choose one. Run it again for the same address to get a
 * fresh link (also the way back in for an operator who forgot their
 * password). When an operator exists, a second one is added only with
 * --another.
 *
 * With the embedded store it opens the data folder itself, so stop the server
 * first (a running server holds the folder and this will say so). With
 * PostgreSQL it runs beside the servers.
 */
import { parseArgs } from 'node:util';
import { RESET_LINK_MINUTES, resetUrl } from '../src/auth/reset-links.ts';
import { readConfig } from '../src/config.ts';
import { addOperator } from '../src/operator/operator.server.ts';
import { openServices } from '../src/server/services.ts';

let args;
try {
  args = parseArgs({ options: { email: { type: 'string' }, name: { type: 'string' }, another: { type: 'boolean', default: false } } }).values;
} catch (error) {
  console.error(`${(error as Error).message}\nUse: npm run create-operator -- --email you@example.org --name "Your name" [--another]`);
  process.exit(2);
}

let services;
try {
  services = await openServices(readConfig());
} catch (error) {
  console.error(`The operator was not created. ${(error as Error).message}`);
  process.exit(1);
}
const { config, store, auth } = services;
try {
  const outcome = await addOperator(store, auth, { email: args.email ?? '', name: args.name ?? args.email ?? '', another: args.another });
  if (!outcome.ok) {
    console.error(`The operator was not created. ${outcome.fields ? Object.values(outcome.fields).join(' ') : outcome.message}`);
    process.exitCode = outcome.status === 409 ? 3 : 2;
  } else {
    const { email, created, alreadyOperator, setupToken } = outcome.value;
    console.log(alreadyOperator ? `${email} is already an operator.` : created ? `Created the operator account ${email}.` : `${email} already had an account; it is now an operator too.`);
    if (setupToken) {
      console.log(`To choose a password, open this link within ${RESET_LINK_MINUTES} minutes (it works once):`);
      console.log(resetUrl(config.publicUrl, setupToken));
    } else console.log(`Sign in at ${config.publicUrl}/sign-in with that account's password, then open ${config.publicUrl}/operator.`);
  }
} finally {
  await store.close();
}
