// Filling in the free-quote form the way a person does.
import { randomBytes } from 'node:crypto';
import { expect, type Page } from '@playwright/test';
import { queryAppDb } from './app-db';
import type { Selectable } from 'kysely';
import type { ContactRequestTable } from '../../lib/db/schema';

export interface QuoteAnswers {
  name: string;
  email: string;
  phone?: string;
  situation?: string;
  nationality?: string;
  stay?: string;
  procedures?: string[];
  message: string;
  language?: string;
}

/**
 * Every contact test speaks from its own network (the app reads the last X-Forwarded-For entry),
 * so tests never share a rate-limit bucket.
 */
export async function speakFromOwnIp(page: Page): Promise<string> {
  // Its own /64: the app keys IPv6 clients by their /64 network.
  const ip = `2001:db8:${randomBytes(4).toString('hex').match(/.{4}/g)?.join(':')}::1`;
  await page.setExtraHTTPHeaders({ 'x-forwarded-for': ip });
  return ip;
}

export async function fillQuote(page: Page, answers: QuoteAnswers) {
  await page.getByLabel('Your name', { exact: true }).fill(answers.name);
  await page.getByLabel('E-mail address').fill(answers.email);
  if (answers.phone) await page.getByLabel('Phone').fill(answers.phone);
  await page.getByRole('radio', { name: answers.situation ?? 'Arriving in France' }).check();
  await page.getByRole('radio', { name: answers.nationality ?? 'British (UK)' }).check();
  await page.getByRole('radio', { name: answers.stay ?? '3 to 12 months' }).check();
  for (const procedure of answers.procedures ?? ['Health insurance and Carte Vitale']) {
    await page.getByRole('checkbox', { name: procedure }).check();
  }
  await page.getByLabel('Your message').fill(answers.message);
  await page.getByRole('radio', { name: answers.language ?? 'English', exact: true }).check();
  await page.getByRole('checkbox', { name: /I agree that Sojoourn may contact me/ }).check();
}

/** The server drops forms sent faster than CONTACT_MIN_FILL_MS (1 s in e2e), like a person would never. */
export async function waitLikeAPerson(page: Page) {
  await page.waitForTimeout(1_300);
}

export async function sendQuote(page: Page) {
  await page.getByRole('button', { name: 'Send my request' }).click();
}

export async function expectThanks(page: Page) {
  await expect(page).toHaveURL(/\/contact\/thanks$/);
  await expect(page.getByRole('heading', { level: 1, name: /thank you/i })).toBeVisible();
}

/** A stored request as SQLite returns it (the counters are plain numbers once read). */
export type ContactRow = Selectable<ContactRequestTable>;

export function contactRowsFor(email: string): ContactRow[] {
  return queryAppDb<ContactRow>('SELECT * FROM contact_request WHERE email = ?', email);
}
