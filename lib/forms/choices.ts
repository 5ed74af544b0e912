// Choices and field rules shared by every form (contact, assistance, sign-in). Client-safe.
import * as z from './zod';

/** A fixed list of choices: value → label. */
export type Choices = Readonly<Record<string, string>>;

export const LANGUAGES = {
  en: 'English',
  fr: 'French',
} as const satisfies Choices;
export type Language = keyof typeof LANGUAGES;

export const choiceKeys = <T extends Choices>(choices: T) =>
  Object.keys(choices) as [keyof T & string, ...(keyof T & string)[]];

/** One of the choices, with the message shown when the answer is missing or not on the list. */
export function choice<T extends Choices>(choices: T, message: string) {
  return z.enum(choiceKeys(choices), { error: message });
}

/** The label of a stored value; the value itself when it is not (or no longer) on the list. */
export const labelOf = (choices: Choices, value: string): string =>
  Object.hasOwn(choices, value) ? choices[value]! : value;

// ── Phone numbers: one rule for every form ─────────────────────────────────────────────────────
export const PHONE_MAX = 30;
export const PHONE_MESSAGES = {
  tooLong: 'That phone number is too long.',
  invalid:
    'Check the phone number: digits, spaces and an optional + at the start, e.g. +33 6 12 34 56 78.',
};
/** Digits with an optional leading +, spaces, dots, dashes and brackets, as people type them. */
const PHONE_CHARACTERS = /^\+?[0-9 ().-]+$/;

/** 6 to 15 digits (15 is the international maximum) in the characters people type. */
export function isPhoneNumber(value: string): boolean {
  const digits = value.replace(/\D/g, '').length;
  return PHONE_CHARACTERS.test(value) && digits >= 6 && digits <= 15;
}

/** A phone field: trimmed, capped; '' when left empty (each form decides whether it may be). */
export const phoneField = z
  .string()
  .trim()
  .max(PHONE_MAX, PHONE_MESSAGES.tooLong)
  .refine((value) => value === '' || isPhoneNumber(value), PHONE_MESSAGES.invalid);
