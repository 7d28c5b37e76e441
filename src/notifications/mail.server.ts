import nodemailer from 'nodemailer';
import type { Mailer } from './notify.server.ts';

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
