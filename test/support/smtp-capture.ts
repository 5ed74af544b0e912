// A local SMTP server that keeps every message it receives, and a small HTTP API to read them.
// Tests (and nothing else) point EMAIL_SERVER at it; it listens on 127.0.0.1 only.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { simpleParser, type AddressObject } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface CapturedMail {
  id: number;
  receivedAt: string;
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  /** Every header, lower-cased names (e.g. `list-unsubscribe`). */
  headers: Record<string, string>;
  attachments: { filename: string; contentType: string; content: string }[];
}

function addresses(field: AddressObject | AddressObject[] | undefined): string[] {
  return [field ?? []]
    .flat()
    .flatMap((group) => group.value.map((entry) => (entry.address ?? '').toLowerCase()))
    .filter(Boolean);
}

export async function startSmtpCapture({
  smtpPort,
  httpPort,
}: {
  smtpPort: number;
  httpPort: number;
}) {
  const messages: CapturedMail[] = [];
  let nextId = 1;

  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    size: 10 * 1024 * 1024,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          messages.push({
            id: nextId++,
            receivedAt: new Date().toISOString(),
            from: addresses(parsed.from).join(', '),
            to: addresses(parsed.to),
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            html: typeof parsed.html === 'string' ? parsed.html : '',
            headers: Object.fromEntries(
              parsed.headerLines.map((line) => [
                line.key,
                line.line.slice(line.line.indexOf(':') + 1).trim(),
              ]),
            ),
            attachments: parsed.attachments.map((file) => ({
              filename: file.filename ?? '',
              contentType: file.contentType,
              content: file.content.toString('utf8'),
            })),
          });
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  // A client that vanishes mid-message (a server killed by crash.spec.ts) resets its connection:
  // that ends that message, never the capture (unhandled, the error stopped every later spec's mail).
  smtp.on('error', (error: Error) =>
    console.warn(`[smtp-capture] connection error: ${error.message}`),
  );
  await new Promise<void>((resolve) => smtp.listen(smtpPort, '127.0.0.1', resolve));

  const http = createServer((request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === '/health') return void response.end('ok');
    if (url.pathname !== '/messages') {
      response.statusCode = 404;
      return void response.end();
    }
    if (request.method === 'DELETE') {
      messages.length = 0;
      return void response.end('[]');
    }
    const to = url.searchParams.get('to')?.toLowerCase();
    response.setHeader('Content-Type', 'application/json');
    response.end(JSON.stringify(to ? messages.filter((m) => m.to.includes(to)) : messages));
  });
  await new Promise<void>((resolve) => http.listen(httpPort, '127.0.0.1', resolve));

  return {
    messages,
    async close() {
      await new Promise<void>((resolve) => http.close(() => resolve()));
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
    },
  };
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop() ?? '')) {
  const smtpPort = Number(process.env.E2E_SMTP_PORT ?? 2525);
  const httpPort = Number(process.env.E2E_MAILBOX_PORT ?? 2526);
  await startSmtpCapture({ smtpPort, httpPort });
  console.log(
    `SMTP capture on 127.0.0.1:${smtpPort}, mailbox API on http://127.0.0.1:${httpPort}/messages`,
  );
}
