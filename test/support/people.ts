import { randomBytes } from 'node:crypto';

/** A fresh address per test, so specs never share an account or a rate limit. */
export function uniqueEmail(label: string): string {
  return `${label}-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}@example.test`;
}
