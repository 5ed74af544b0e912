import { describe, expect, it } from 'vitest';
import {
  ASSISTANCE_TOPICS,
  assistanceRequestInput,
  assistanceStatusUpdate,
  assistanceValuesFrom,
  assistanceFieldErrors,
} from './schema';

const valid = {
  topic: 'health-insurance',
  description: 'I arrived in Lyon last month and do not know how to join the health system.',
  contactMethod: 'email',
  phone: '',
  language: 'en',
};

function errorsFor(input: unknown) {
  const result = assistanceRequestInput.safeParse(input);
  expect(result.success).toBe(false);
  return result.success ? {} : assistanceFieldErrors(result.error);
}

describe('assistanceRequestInput', () => {
  it('accepts a complete request and trims the description', () => {
    const result = assistanceRequestInput.parse({
      ...valid,
      description: `  ${valid.description}  `,
    });
    expect(result).toEqual({ ...valid, phone: null });
  });

  it('accepts every listed topic and nothing else', () => {
    for (const topic of Object.keys(ASSISTANCE_TOPICS)) {
      expect(assistanceRequestInput.safeParse({ ...valid, topic }).success).toBe(true);
    }
    expect(errorsFor({ ...valid, topic: 'visa-lottery' }).topic).toMatch(/topic/i);
    expect(errorsFor({ ...valid, topic: '' }).topic).toBeDefined();
  });

  it('needs a description of 20 to 4000 characters', () => {
    expect(errorsFor({ ...valid, description: 'Too short' }).description).toMatch(/at least 20/);
    expect(errorsFor({ ...valid, description: `${' '.repeat(30)}short` }).description).toMatch(
      /at least 20/,
    );
    expect(
      assistanceRequestInput.safeParse({ ...valid, description: 'x'.repeat(20) }).success,
    ).toBe(true);
    expect(
      assistanceRequestInput.safeParse({ ...valid, description: 'x'.repeat(4000) }).success,
    ).toBe(true);
    expect(errorsFor({ ...valid, description: 'x'.repeat(4001) }).description).toMatch(/4000/);
  });

  it('needs a phone number when phone is the chosen contact', () => {
    expect(errorsFor({ ...valid, contactMethod: 'phone', phone: '' }).phone).toMatch(/phone/i);
    expect(errorsFor({ ...valid, contactMethod: 'phone', phone: 'call me maybe' }).phone).toMatch(
      /check the phone number/i,
    );
    expect(errorsFor({ ...valid, contactMethod: 'phone', phone: '12345' }).phone).toBeDefined();
    expect(
      errorsFor({ ...valid, contactMethod: 'phone', phone: '+33 6 12 34 56 78 90 12 34' }).phone,
    ).toBeDefined();
    expect(
      assistanceRequestInput.parse({
        ...valid,
        contactMethod: 'phone',
        phone: ' +33 6 12 34 56 78 ',
      }).phone,
    ).toBe('+33 6 12 34 56 78');
    expect(
      assistanceRequestInput.parse({ ...valid, contactMethod: 'phone', phone: '(020) 7946-0000' })
        .phone,
    ).toBe('(020) 7946-0000');
  });

  it('drops a phone number when e-mail is the chosen contact', () => {
    expect(assistanceRequestInput.parse({ ...valid, phone: '+33 6 12 34 56 78' }).phone).toBeNull();
    expect(assistanceRequestInput.parse({ ...valid, phone: 'not checked' }).phone).toBeNull();
  });

  it('caps the phone length even when it is not used', () => {
    expect(errorsFor({ ...valid, phone: '1'.repeat(31) }).phone).toMatch(/too long/);
  });

  it('accepts e-mail or phone only, English or French only', () => {
    expect(errorsFor({ ...valid, contactMethod: 'pigeon' }).contactMethod).toBeDefined();
    expect(errorsFor({ ...valid, language: 'de' }).language).toMatch(/English or French/);
    expect(assistanceRequestInput.safeParse({ ...valid, language: 'fr' }).success).toBe(true);
  });

  it('rejects unknown fields', () => {
    const result = assistanceRequestInput.safeParse({ ...valid, status: 'closed' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.code).toBe('unrecognized_keys');
  });

  it('reports missing fields', () => {
    const errors = errorsFor({});
    expect(Object.keys(errors).sort()).toEqual([
      'contactMethod',
      'description',
      'language',
      'topic',
    ]);
  });
});

describe('assistanceValuesFrom', () => {
  it('keeps the form fields only, as strings, capped', () => {
    const form = new FormData();
    form.set('$ACTION_ID_abc', '');
    form.set('topic', 'taxes');
    form.set('description', 'y'.repeat(10_000));
    form.set('contactMethod', 'phone');
    form.set('phone', '+33 1 23 45 67 89');
    form.set('language', 'fr');
    form.set('status', 'closed');
    form.set('file', new Blob(['x']));
    const values = assistanceValuesFrom(form);
    expect(Object.keys(values).sort()).toEqual([
      'contactMethod',
      'description',
      'language',
      'phone',
      'topic',
    ]);
    expect(values.description).toHaveLength(5000);
    expect(values.topic).toBe('taxes');
  });

  it('leaves missing fields empty', () => {
    expect(assistanceValuesFrom(new FormData())).toEqual({
      topic: '',
      description: '',
      contactMethod: '',
      phone: '',
      language: '',
    });
  });
});

describe('assistanceStatusUpdate', () => {
  const id = '7f1d3a7e-3c1b-4e8e-9b2f-0c6d2f1e9a10';

  it('accepts the four statuses for a request id', () => {
    for (const status of ['new', 'in_progress', 'answered', 'closed']) {
      expect(assistanceStatusUpdate.safeParse({ id, status }).success).toBe(true);
    }
  });

  it('rejects anything else', () => {
    expect(assistanceStatusUpdate.safeParse({ id, status: 'deleted' }).success).toBe(false);
    expect(assistanceStatusUpdate.safeParse({ id: 'nope', status: 'new' }).success).toBe(false);
    expect(assistanceStatusUpdate.safeParse({ id, status: 'new', extra: 1 }).success).toBe(false);
  });
});
