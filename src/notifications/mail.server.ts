import nodemailer from 'nodemailer';
import type { InviteMailer, Mailer } from './notify.server.ts';
import type { ResetMailer } from '../auth/passwords.server.ts';

/**
 * An SMTP mailer for notification notices. The message says only that
 * something is waiting, with a link: no names, no health information.
 */
export function smtpMailer(smtpUrl: string, from: string, publicUrl: string): Mailer {
  const transport = nodemailer.createTransport(smtpUrl);
  return async (to) => {
    await transport.sendMail({
      from,
      to,
      subject: 'PeerPath: something new for you',
      text: `There is something new for you in PeerPath.\n\nOpen it here: ${publicUrl}/notifications\n\nYou get this e-mail because your organisation turned on e-mail notices.`,
    });
  };
}

/** An SMTP mailer for invitation links. */
export function smtpInviteMailer(smtpUrl: string, from: string): InviteMailer {
  const transport = nodemailer.createTransport(smtpUrl);
  return async (to, link, organisation) => {
    await transport.sendMail({
      from,
      to,
      subject: `You are invited to join ${organisation} on PeerPath`,
      text: `You have been invited to join ${organisation} on PeerPath, a place for peer support training and practice.\n\nOpen this link to accept: ${link}\n\nThe link works once and expires. If you were not expecting this, you can ignore this e-mail.`,
    });
  };
}

/** An SMTP mailer for password reset links. */
export function smtpResetMailer(smtpUrl: string, from: string, minutes: number): ResetMailer {
  const transport = nodemailer.createTransport(smtpUrl);
  return async (to, link) => {
    await transport.sendMail({
      from,
      to,
      subject: 'PeerPath: choose a new password',
      text: `Someone asked to reset the password of your PeerPath account.\n\nTo choose a new password, open this link: ${link}\n\nThe link works once, for ${minutes} minutes. If you did not ask for this, you can ignore this e-mail: your password stays as it is.`,
    });
  };
}
