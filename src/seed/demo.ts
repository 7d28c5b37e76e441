import type { Auth } from '../auth/auth.ts';
import type { Role } from '../auth/roles.ts';

/** The demo organisation's accounts; the README lists the same. */
export const DEMO_PASSWORD = 'peerpath-demo';
export const DEMO_ACCOUNTS: readonly { email: string; name: string; role: Role }[] = [
  { email: 'trainee@example.org', name: 'Alex Chan', role: 'trainee' },
  { email: 'mentor@example.org', name: 'Sam Wong', role: 'mentor' },
  { email: 'admin@example.org', name: 'Jordan Lee', role: 'admin' },
];
export const DEMO_ORGANISATION = { name: 'Harbour Peer Support (demo)', slug: 'harbour-demo' };

/** Creates the demo organisation and its three accounts. Call only on an empty store. */
export async function seedDemo(auth: Auth): Promise<void> {
  const context = await auth.$context;
  const now = new Date();
  const organisation = await context.adapter.create<Record<string, unknown>, { id: string }>({
    model: 'organization',
    data: { name: DEMO_ORGANISATION.name, slug: DEMO_ORGANISATION.slug, createdAt: now },
  });
  const passwordHash = await context.password.hash(DEMO_PASSWORD);
  for (const account of DEMO_ACCOUNTS) {
    const user = await context.internalAdapter.createUser(
      { email: account.email, name: account.name, emailVerified: true },
      { method: 'admin' },
    );
    await context.internalAdapter.linkAccount({ userId: user.id, providerId: 'credential', accountId: user.id, password: passwordHash });
    await context.adapter.create({
      model: 'member',
      data: { organizationId: organisation.id, userId: user.id, role: account.role, createdAt: now },
    });
  }
}
