import { randomUUID } from 'node:crypto';
import type { Store } from '../store/index.ts';
import type { NotificationKind } from './records.ts';

/** Sends a notice that something new is waiting; gets only an address, never what happened. */
export type Mailer = (to: string) => Promise<void>;

let mailer: Mailer | undefined;

/** Turns on e-mail notices (called once at start when SMTP is configured). */
export function useMailer(send: Mailer | undefined): void {
  mailer = send;
}

/**
 * Adds an in-app notification (once per `key`) and, when e-mail is set up,
 * sends a notice that carries only a link. A failed e-mail never undoes or
 * delays the action that caused it. Resolves to whether it was new.
 */
export async function notify(store: Store, notice: { userId: string; kind: NotificationKind; about: string; aboutId?: string; link: string; key: string }, now = new Date()): Promise<boolean> {
  const added = await store.notify({ id: randomUUID(), ...notice, createdAt: now.toISOString() });
  if (!added || !mailer) return added;
  const person = (await store.people([notice.userId])).get(notice.userId);
  if (!person?.email) return added;
  mailer(person.email).catch(() => console.warn('PeerPath: an e-mail notice could not be sent; the in-app notification is there.'));
  return added;
}

/** Notifies every active mentor of a mentee. */
export async function notifyMentors(store: Store, menteeId: string, notice: { kind: NotificationKind; link: string; key: string }, now = new Date()): Promise<void> {
  const mentorships = await store.activeMentorships({ menteeId });
  const about = (await store.people([menteeId])).get(menteeId)?.name ?? '';
  for (const m of mentorships) await notify(store, { userId: m.mentorId, about, aboutId: menteeId, ...notice }, now);
}

/** Sends an invitation link to the person invited. */
export type InviteMailer = (to: string, link: string, organisation: string) => Promise<void>;

let inviteMailer: InviteMailer | undefined;

/** Turns on e-mailed invitations (called once at start when SMTP is configured). */
export function useInviteMailer(send: InviteMailer | undefined): void {
  inviteMailer = send;
}

/** E-mails an invitation link when e-mail is set up; resolves to whether it was sent. */
export async function emailInvitation(to: string, link: string, organisation: string): Promise<boolean> {
  if (!inviteMailer) return false;
  try {
    await inviteMailer(to, link, organisation);
    return true;
  } catch {
    console.warn('PeerPath: an invitation e-mail could not be sent; the link is shown on the page.');
    return false;
  }
}
