import 'server-only';
// Outgoing e-mail. With EMAIL_SERVER set, mail goes through SMTP; in development without it, each
// message is printed to the server console (the "console outbox"). Production without it won't start.
import nodemailer, { type Transporter } from 'nodemailer';
import { emailFrom, emailServer, isProduction } from './env';
import { hashAddress, requestLog } from './log';

export interface OutgoingMail {
  to: string | string[];
  subject: string;
  text: string;
  html: string;
  replyTo?: string;
}

let transport: Transporter | null = null;

function smtpTransport(): Transporter | null {
  const server = emailServer();
  if (!server) {
    if (isProduction()) throw new Error('EMAIL_SERVER is not set: e-mail cannot be sent');
    return null;
  }
  transport ??= nodemailer.createTransport(server);
  return transport;
}

export async function sendMail(mail: OutgoingMail): Promise<void> {
  const smtp = smtpTransport();
  if (!smtp) {
    const rule = '─'.repeat(72);
    console.info(
      `\n${rule}\n📬 Console outbox (no EMAIL_SERVER set)\nTo: ${[mail.to].flat().join(', ')}\nSubject: ${mail.subject}\n\n${mail.text}\n${rule}\n`,
    );
    return;
  }
  try {
    await smtp.sendMail({ from: emailFrom(), ...mail });
  } catch (error) {
    (await requestLog()).error(
      {
        event: 'mail.failed',
        to: [mail.to].flat().map(hashAddress),
        subject: mail.subject,
        err: error,
      },
      'e-mail could not be sent',
    );
    throw error;
  }
}
