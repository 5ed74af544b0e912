import 'server-only';
// Outgoing e-mail. With EMAIL_SERVER set, mail goes through SMTP; in development without it, each
// message is printed to the server console (the "console outbox"). Production without it won't start.
import nodemailer, { type Transporter } from 'nodemailer';
import { emailFrom, emailServer, isProduction } from './env';
import { errorSummary, hashAddress, requestLog } from './log';

/** A file sent with a message, e.g. an event's `.ics`. Text only: it is kept in the outbox as is. */
export interface MailAttachment {
  filename: string;
  contentType: string;
  content: string;
}

export interface OutgoingMail {
  to: string | string[];
  subject: string;
  text: string;
  html: string;
  replyTo?: string;
  /** Extra headers, e.g. `List-Unsubscribe` and `List-Unsubscribe-Post` (RFC 8058) on reminders. */
  headers?: Record<string, string>;
  attachments?: MailAttachment[];
}

/**
 * A send that failed, saying only how (class, SMTP code and command). The transport's own error
 * quotes the recipient ("550 <ana@…>: Recipient address rejected") and goes no further than here:
 * callers log, store (mail_outbox.last_error) and show this one.
 */
export class MailSendError extends Error {
  readonly code?: string;
  readonly responseCode?: number;

  constructor(cause: unknown) {
    const { type, code, responseCode, command } = errorSummary(cause);
    super(
      `e-mail not sent: ${[code ?? type, responseCode, command && `at ${command}`].filter(Boolean).join(' ')}`,
    );
    this.name = 'MailSendError';
    if (code) this.code = code;
    if (responseCode) this.responseCode = responseCode;
  }
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
    const failure = new MailSendError(error);
    // Who (a keyed hash) and how it failed; never the subject, which may name the person.
    (await requestLog()).error(
      { event: 'mail.failed', to: [mail.to].flat().map(hashAddress), err: failure },
      'e-mail could not be sent',
    );
    throw failure;
  }
}
