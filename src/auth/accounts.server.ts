import type { Role } from './roles.ts';
import type { Auth } from './auth.ts';

/**
 * Account and membership operations that go through the auth library, so its
 * tables, hashing and sessions stay consistent.
 */

/** The account with this email address, if any (case-insensitive). */
export async function userByEmail(auth: Auth, email: string): Promise<{ id: string; name: string; email: string } | undefined> {
  const context = await auth.$context;
  const found = await context.internalAdapter.findUserByEmail(email.trim().toLowerCase());
  return found?.user ? { id: found.user.id, name: found.user.name, email: found.user.email } : undefined;
}

/** Creates an account with an argon2id-hashed password. */
export async function createAccount(auth: Auth, input: { email: string; name: string; password: string }): Promise<{ id: string }> {
  const context = await auth.$context;
  const user = await context.internalAdapter.createUser({ email: input.email.trim().toLowerCase(), name: input.name.trim(), emailVerified: true }, { method: 'email-password' });
  await context.internalAdapter.linkAccount({ userId: user.id, providerId: 'credential', accountId: user.id, password: await context.password.hash(input.password) });
  return { id: user.id };
}

/** Remembers the language a person chose for PeerPath. */
export async function saveLocale(auth: Auth, userId: string, locale: string): Promise<void> {
  const context = await auth.$context;
  await context.internalAdapter.updateUser(userId, { locale });
}

/** Adds a person to an organisation in a role (no-op if they already hold it). */
export async function addMembership(auth: Auth, organisationId: string, userId: string, role: Role): Promise<void> {
  const context = await auth.$context;
  const existing = await context.adapter.findMany<{ id: string; role: string }>({
    model: 'member',
    where: [
      { field: 'organizationId', value: organisationId },
      { field: 'userId', value: userId },
    ],
  });
  if (existing.some((m) => m.role === role)) return;
  await context.adapter.create({ model: 'member', data: { organizationId: organisationId, userId, role, createdAt: new Date() } });
}

/** Removes a person from an organisation (every role they hold there). */
export async function removeMemberships(auth: Auth, organisationId: string, userId: string): Promise<void> {
  const context = await auth.$context;
  await context.adapter.deleteMany({
    model: 'member',
    where: [
      { field: 'organizationId', value: organisationId },
      { field: 'userId', value: userId },
    ],
  });
}

/** Ends every session of an account at once. */
export async function revokeSessions(auth: Auth, userId: string): Promise<void> {
  const context = await auth.$context;
  await context.internalAdapter.deleteUserSessions(userId);
}

/** Renames an organisation. */
export async function renameOrganisation(auth: Auth, organisationId: string, name: string): Promise<void> {
  const context = await auth.$context;
  await context.adapter.update({ model: 'organization', where: [{ field: 'id', value: organisationId }], update: { name } });
}

/** Whether an account is the installation's operator (the `operator` field on the library's user row). */
export async function isOperator(auth: Auth, userId: string): Promise<boolean> {
  const context = await auth.$context;
  const user = (await context.internalAdapter.findUserById(userId)) as { operator?: unknown } | null;
  return user?.operator === true;
}

/** The installation's operators. */
export async function operators(auth: Auth): Promise<{ id: string; name: string; email: string }[]> {
  const context = await auth.$context;
  const rows = await context.adapter.findMany<{ id: string; name: string; email: string }>({ model: 'user', where: [{ field: 'operator', value: true }] });
  return rows.map((u) => ({ id: u.id, name: u.name, email: u.email }));
}

/** Makes an account an operator. */
export async function makeOperator(auth: Auth, userId: string): Promise<void> {
  const context = await auth.$context;
  await context.internalAdapter.updateUser(userId, { operator: true });
}

/** Creates an account with no password yet (it gets one through a reset link). */
export async function createAccountWithoutPassword(auth: Auth, input: { email: string; name: string }): Promise<{ id: string }> {
  const context = await auth.$context;
  const user = await context.internalAdapter.createUser({ email: input.email.trim().toLowerCase(), name: input.name.trim(), emailVerified: true }, { method: 'admin' });
  return { id: user.id };
}

/** Whether an account has a password to sign in with. */
export async function hasPassword(auth: Auth, userId: string): Promise<boolean> {
  const context = await auth.$context;
  return Boolean((await context.internalAdapter.findCredentialAccount(userId))?.password);
}

/** Changes the name an account shows to others. */
export async function renameAccount(auth: Auth, userId: string, name: string): Promise<void> {
  const context = await auth.$context;
  await context.internalAdapter.updateUser(userId, { name });
}

/** Adds an organisation; resolves to its id. */
export async function createOrganisationRow(auth: Auth, input: { name: string; slug: string }, now: Date): Promise<{ id: string }> {
  const context = await auth.$context;
  return context.adapter.create<Record<string, unknown>, { id: string }>({ model: 'organization', data: { name: input.name, slug: input.slug, createdAt: now } });
}

/** Switches an organisation off (an ISO time) or back on (`null`). */
export async function setOrganisationDeactivated(auth: Auth, organisationId: string, at: string | null): Promise<void> {
  const context = await auth.$context;
  await context.adapter.update({ model: 'organization', where: [{ field: 'id', value: organisationId }], update: { deactivatedAt: at } });
}

/** Every organisation an account has a role in, switched off or not. */
export async function organisationIdsOf(auth: Auth, userId: string): Promise<string[]> {
  const context = await auth.$context;
  const rows = await context.adapter.findMany<{ organizationId: string }>({ model: 'member', where: [{ field: 'userId', value: userId }] });
  return [...new Set(rows.map((r) => r.organizationId))];
}
