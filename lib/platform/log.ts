// Structured logs: one JSON line per notable event (pino), pretty-printed by `npm run dev` when
// pino-pretty is installed. Every line of a request carries its request id: the X-Request-Id the
// proxy set (deploy/nginx.conf passes nginx's $request_id), else one made up here.
// Log what happened and to what (outcomes and ids), never a token, an address or a name: a person
// is a keyed hash (hashAddress), an error is its class and code (errorSummary; every `err` field
// goes through it), and any text that still reaches a line is scrubbed of addresses and tokens.
import { createHmac, randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import pino, { type DestinationStream, type Logger } from 'pino';
import { authSecret, logSettings } from './env';

const settings = logSettings();

function destination(): DestinationStream | undefined {
  if (!settings.pretty) return undefined;
  try {
    // A dev dependency: absent in a production install, where JSON lines are what we want anyway.
    const require = createRequire(import.meta.url);
    const pretty = require('pino-pretty') as (options: object) => DestinationStream;
    return pretty({ colorize: true, ignore: 'pid,hostname', translateTime: 'HH:MM:ss' });
  } catch {
    return undefined;
  }
}

const ADDRESS = /[^\s<>()[\]"',;:]+@[^\s<>()[\]"',;:]+\.[^\s<>()[\]"',;:]+/g;
/** A long run of token characters: sign-in and confirmation tokens, secrets, session ids. */
const TOKEN = /[A-Za-z0-9_-]{20,}/g;
/** A URL's query values (tokens, addresses). */
const QUERY_VALUE = /([?&][^=&#\s]*=)[^&#\s]*/g;

/** `text` without e-mail addresses, query values or anything shaped like a token. */
export function scrubText(text: string): string {
  return text.replace(ADDRESS, '[address]').replace(QUERY_VALUE, '$1*').replace(TOKEN, '[token]');
}

export interface ErrorSummary {
  type: string;
  code?: string;
  responseCode?: number;
  command?: string;
  message?: string;
}

/**
 * What a log line may say about an error: its class and codes (nodemailer's `code`, `responseCode`
 * and `command`, Node's and the databases' `code`) and its message scrubbed (scrubText). Never its
 * stack, cause or other fields, which repeat what it was given.
 */
export function errorSummary(error: unknown): ErrorSummary {
  if (!(error instanceof Error)) return { type: typeof error };
  const fields = error as Error & { code?: unknown; responseCode?: unknown; command?: unknown };
  return {
    type: error.constructor?.name || error.name,
    ...(typeof fields.code === 'string' || typeof fields.code === 'number'
      ? { code: String(fields.code) }
      : {}),
    ...(typeof fields.responseCode === 'number' ? { responseCode: fields.responseCode } : {}),
    ...(typeof fields.command === 'string' ? { command: scrubText(fields.command) } : {}),
    message: scrubText(error.message).slice(0, 200),
  };
}

const holder = globalThis as typeof globalThis & { sojoournLog?: Logger };

/** The process's logger (base fields: service and instance port). */
export const log: Logger = (holder.sojoournLog ??= pino(
  {
    level: settings.level,
    base: { service: 'sojoourn', pid: process.pid, port: settings.port },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    // An error's message and fields may quote what it was given (an SMTP refusal names the
    // recipient, a database error the value): lines keep its class and code only.
    serializers: { err: errorSummary },
  },
  destination(),
));

const REQUEST_ID = /^[A-Za-z0-9._-]{1,128}$/;

/** The id of the current request, when there is one (Next request scope), else undefined. */
export async function currentRequestId(): Promise<string | undefined> {
  try {
    const { headers } = await import('next/headers');
    const given = (await headers()).get('x-request-id');
    return given && REQUEST_ID.test(given) ? given : randomUUID();
  } catch {
    return undefined; // outside a request: start-up, housekeeping, unit tests
  }
}

/** A child logger carrying the current request's id. */
export async function requestLog(): Promise<Logger> {
  const requestId = await currentRequestId();
  return requestId ? log.child({ requestId }) : log;
}

/**
 * An e-mail address as a stable tag: the same person's lines can be joined up, and without the
 * server's secret nobody can tell whose address it is by hashing guesses.
 */
export function hashAddress(address: string): string {
  return createHmac('sha256', authSecret())
    .update(`address:${address.trim().toLowerCase()}`)
    .digest('hex')
    .slice(0, 16);
}
