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
