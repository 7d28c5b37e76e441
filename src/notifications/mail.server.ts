import nodemailer from 'nodemailer';
import type { InviteMailer, Mailer } from './notify.server.ts';
import type { ResetMailer } from '../auth/reset-links.ts';
import { formatDate, href, t } from '../i18n/index.ts';
import type { SignOffMailer } from '../signoff/signoff.server.ts';

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
      subject: t('mail.noticeSubject'),
      text: t('mail.noticeText', { link: `${publicUrl}${href('/notifications')}` }),
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
      subject: t('mail.inviteSubject', { organisation }),
      text: t('mail.inviteText', { organisation, link }),
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
      subject: t('mail.resetSubject'),
      text: t('mail.resetText', { link, minutes }),
    });
  };
}

/** An SMTP mailer for one-time sign-off links: who asked and until when, never what the records say. */
export function smtpSignOffMailer(smtpUrl: string, from: string): SignOffMailer {
  const transport = nodemailer.createTransport(smtpUrl);
  return async (to, link, name, until) => {
    await transport.sendMail({
      from,
      to,
      subject: t('mail.signOffSubject', { name }),
      text: t('mail.signOffText', { name, link, date: formatDate(until) }),
    });
  };
}
