import { describe, expect, it } from 'vitest';
import { emailAddress, suggestEmailCorrection } from './email-address';

describe('emailAddress', () => {
  it('accepts an address and trims it', () => {
    expect(emailAddress.parse('  ana@example.com ')).toBe('ana@example.com');
    expect(emailAddress.parse('ana.b+club@sub.example.fr')).toBe('ana.b+club@sub.example.fr');
  });

  it.each([
    ['', 'Enter your e-mail address.'],
    ['   ', 'Enter your e-mail address.'],
    ['ana', 'Check your e-mail address: it should look like name@example.com.'],
    ['ana@', 'Check your e-mail address: it should look like name@example.com.'],
    ['ana@example', 'Check your e-mail address: it should look like name@example.com.'],
    ['ana @example.com', 'Check your e-mail address: it should look like name@example.com.'],
    [`${'a'.repeat(250)}@x.fr`, 'That e-mail address is too long.'],
  ])('refuses %j with a message a person understands', (input, message) => {
    const result = emailAddress.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.message)).toEqual([message]);
  });
});

describe('suggestEmailCorrection', () => {
  it.each([
    ['ana@gmial.com', 'ana@gmail.com'],
    ['ana@hotmial.fr', 'ana@hotmail.fr'],
    ['ana@gmail.con', 'ana@gmail.com'],
    ['Ana@Yahooo.fr', 'ana@yahoo.fr'],
    ['ana@outlok.fr', 'ana@outlook.fr'],
  ])('suggests %s → %s', (typed, suggested) => {
    expect(suggestEmailCorrection(typed)).toBe(suggested);
  });

  it.each(['ana@gmail.com', 'ana@hotmail.fr', 'ana@orange.fr'])(
    'has nothing to say about a correct %s',
    (address) => {
      expect(suggestEmailCorrection(address)).toBeNull();
    },
  );

  it.each([
    'ana@sojoourn.example',
    'ana@univ-paris.fr',
    'ana@company.co.uk',
    'not-an-address',
    // Real providers that are one or two letters from a listed domain.
    'ana@hotmail.de',
    'ana@yahoo.it',
    'ana@outlook.es',
    'ana@gmx.fr',
    'ana@mail.com',
    'ana@ymail.com',
  ])('leaves an unrelated %s alone', (address) => {
    expect(suggestEmailCorrection(address)).toBeNull();
  });
});
