import { describe, expect, it } from 'vitest';
import {
  CONTACT_LIMITS,
  contactFormDataToObject,
  contactRequestSchema,
  contactSubmissionSchema,
  contactValuesFrom,
} from './schema';

const good = {
  name: 'Ada Lovelace',
  email: 'ada@example.com',
  phone: '+44 20 7946 0958',
  situation: 'arriving',
  nationality: 'uk',
  stay: '3-12-months',
  procedures: ['health-insurance', 'bank-account'],
  message: 'I arrive in March and need a Carte Vitale.\nThanks!',
  language: 'en',
  consent: 'yes',
};

const errorsOf = (input: Record<string, unknown>) => {
  const result = contactSubmissionSchema.safeParse(input);
  return result.success
    ? {}
    : Object.fromEntries(result.error.issues.map((i) => [i.path[0], i.code]));
};

describe('contact request schema', () => {
  it('accepts a complete request and normalises it', () => {
    const parsed = contactRequestSchema.parse({
      ...good,
      name: '  Ada Lovelace ',
      email: ' ada@example.com ',
    });
    expect(parsed.name).toBe('Ada Lovelace');
    expect(parsed.email).toBe('ada@example.com');
    expect(parsed.phone).toBe('+44 20 7946 0958');
    expect(parsed.procedures).toEqual(['health-insurance', 'bank-account']);
  });

  it('treats the phone as optional', () => {
    expect(contactRequestSchema.parse({ ...good, phone: '' }).phone).toBeNull();
    const withoutPhone: Record<string, unknown> = { ...good };
    delete withoutPhone.phone;
    expect(contactRequestSchema.parse(withoutPhone).phone).toBeNull();
  });

  it.each([
    ['name', ''],
    ['name', 'A\nB'],
    ['email', 'not-an-address'],
    ['email', ''],
    ['phone', 'call me maybe'],
    ['phone', '12'],
    ['situation', 'lost'],
    ['nationality', ''],
    ['stay', 'forever'],
    ['procedures', []],
    ['procedures', ['taxes', 'taxes']],
    ['procedures', ['astrology']],
    ['procedures', 'taxes'],
    ['message', '   '],
    ['message', 'null byte \u0000'],
    ['language', 'de'],
    ['consent', 'no'],
    ['consent', undefined],
  ])('refuses %s = %j', (field, value) => {
    const errors = errorsOf({ ...good, [field]: value });
    expect(Object.keys(errors)).toEqual([field]);
  });

  it('caps every free-text field', () => {
    expect(errorsOf({ ...good, name: 'a'.repeat(CONTACT_LIMITS.name + 1) })).toHaveProperty('name');
    expect(errorsOf({ ...good, name: 'a'.repeat(CONTACT_LIMITS.name) })).toEqual({});
    expect(errorsOf({ ...good, message: 'a'.repeat(CONTACT_LIMITS.message + 1) })).toHaveProperty(
      'message',
    );
    expect(errorsOf({ ...good, message: 'a'.repeat(CONTACT_LIMITS.message) })).toEqual({});
    expect(errorsOf({ ...good, email: `${'a'.repeat(250)}@example.com` })).toHaveProperty('email');
    expect(errorsOf({ ...good, phone: `+${'1'.repeat(CONTACT_LIMITS.phone)}` })).toHaveProperty(
      'phone',
    );
    expect(errorsOf({ ...good, website: 'x'.repeat(CONTACT_LIMITS.website + 1) })).toHaveProperty(
      'website',
    );
    expect(
      errorsOf({ ...good, formToken: 'x'.repeat(CONTACT_LIMITS.formToken + 1) }),
    ).toHaveProperty('formToken');
  });

  it('rejects unknown fields', () => {
    const result = contactSubmissionSchema.safeParse({ ...good, isAdmin: 'yes' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.code).toBe('unrecognized_keys');
  });

  it('accepts the anti-spam fields only on the submission, not the stored request', () => {
    expect(
      contactSubmissionSchema.safeParse({ ...good, website: '', formToken: 't' }).success,
    ).toBe(true);
    expect(contactRequestSchema.safeParse({ ...good, website: '' }).success).toBe(false);
  });
});

describe('reading the posted form', () => {
  function form(entries: [string, string][]) {
    const data = new FormData();
    for (const [key, value] of entries) data.append(key, value);
    return data;
  }

  it('collects checkboxes, skips Next action fields and keeps repeats as arrays', () => {
    const raw = contactFormDataToObject(
      form([
        ['$ACTION_REF_1', ''],
        ['$ACTION_1:0', '{"id":"abc"}'],
        ['name', 'Ada'],
        ['procedures', 'taxes'],
        ['procedures', 'housing'],
        ['email', 'a@example.com'],
        ['email', 'b@example.com'],
      ]),
    );
    expect(raw).toEqual({
      name: 'Ada',
      procedures: ['taxes', 'housing'],
      email: ['a@example.com', 'b@example.com'],
    });
    expect(errorsOf({ ...good, email: raw.email })).toHaveProperty('email');
  });

  it('gives back what was typed, clipped, for the form to show again', () => {
    const values = contactValuesFrom({
      name: 'Ada',
      message: 'm'.repeat(20_000),
      procedures: ['taxes', 'nonsense', 42],
      consent: 'yes',
      language: 'fr',
    });
    expect(values.name).toBe('Ada');
    expect(values.message.length).toBe(CONTACT_LIMITS.message * 2);
    expect(values.procedures).toEqual(['taxes']);
    expect(values.consent).toBe(true);
    expect(values.language).toBe('fr');
    expect(values.email).toBe('');
  });
});
