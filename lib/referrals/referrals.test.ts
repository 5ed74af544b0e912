import { afterEach, describe, expect, it } from 'vitest';
import { tempDatabase } from '@/test/support/temp-db';
import { campaignFor, referralDestination, sourcePathFromReferer } from './index';
import { countReferralClicks, recordReferralClick } from './store';

afterEach(() => {
  delete process.env.PARTIRASSUR_URL;
  delete process.env.PARTIRASSUR_REF;
});

describe('referral destination', () => {
  it('adds the referral code and UTM parameters to the configured URL', () => {
    process.env.PARTIRASSUR_URL = 'https://partirassur.example/devis?lang=en';
    process.env.PARTIRASSUR_REF = 'SOJ-TEST';
    const url = referralDestination('partirassur', '/guides/carte-vitale');
    expect(url?.origin + (url?.pathname ?? '')).toBe('https://partirassur.example/devis');
    expect(Object.fromEntries(url?.searchParams ?? [])).toEqual({
      lang: 'en',
      ref: 'SOJ-TEST',
      utm_source: 'sojoourn',
      utm_medium: 'referral',
      utm_campaign: 'carte-vitale',
    });
  });

  it('uses the documented placeholder and "site" when nothing is set', () => {
    const url = referralDestination('partirassur', null);
    expect(url?.toString()).toBe(
      'https://partirassur.example/?ref=SOJOOURN&utm_source=sojoourn&utm_medium=referral&utm_campaign=site',
    );
  });

  it('overrides parameters of the same name in the configured URL', () => {
    process.env.PARTIRASSUR_URL = 'https://partirassur.example/?ref=OTHER&utm_source=x';
    const url = referralDestination('partirassur', '/');
    expect(url?.searchParams.getAll('ref')).toEqual(['SOJOOURN']);
    expect(url?.searchParams.getAll('utm_source')).toEqual(['sojoourn']);
  });

  it('knows only allow-listed partners', () => {
    for (const id of ['unknown', 'constructor', '__proto__', 'toString', '']) {
      expect(referralDestination(id, null)).toBeNull();
    }
  });

  it('refuses a destination that is not http(s)', () => {
    process.env.PARTIRASSUR_URL = 'javascript:alert(1)';
    expect(() => referralDestination('partirassur', null)).toThrow(/not an http/);
  });
});

describe('where a click came from', () => {
  const origins = ['https://sojoourn.com'];
  it('keeps only the path of a Referer on this site', () => {
    expect(
      sourcePathFromReferer('https://sojoourn.com/partners/partirassur?email=a@b.c#x', origins),
    ).toBe('/partners/partirassur');
    expect(sourcePathFromReferer('https://evil.example/partners/partirassur', origins)).toBeNull();
    expect(sourcePathFromReferer('https://sojoourn.com.evil.example/', origins)).toBeNull();
    expect(sourcePathFromReferer('not a url', origins)).toBeNull();
    expect(sourcePathFromReferer(null, origins)).toBeNull();
  });

  it('turns the page into a campaign slug', () => {
    expect(campaignFor('/partners/partirassur')).toBe('partirassur');
    expect(campaignFor('/guides/health-cover-short-stays-france/')).toBe(
      'health-cover-short-stays-france',
    );
    expect(campaignFor('/')).toBe('site');
    expect(campaignFor(null)).toBe('site');
    expect(campaignFor('/guides/%3Cscript%3E')).toBe('3cscript3e');
  });
});

describe('recording clicks', () => {
  it('stores a click with its time and source page only', async () => {
    const temp = await tempDatabase('referrals');
    const db = temp.db;
    try {
      const now = new Date('2026-11-26T12:00:00Z');
      await recordReferralClick(db, {
        partner: 'partirassur',
        sourcePath: '/guides/carte-vitale',
        now,
      });
      await recordReferralClick(db, { partner: 'partirassur', sourcePath: null, now });
      const rows = await db
        .selectFrom('referral_click')
        .selectAll()
        .orderBy((eb) => eb.fn.coalesce('source_path', eb.val('')))
        .execute();
      expect(rows.map(({ id: _id, ...rest }) => rest)).toEqual([
        { partner: 'partirassur', source_path: null, created_at: now.toISOString() },
        {
          partner: 'partirassur',
          source_path: '/guides/carte-vitale',
          created_at: now.toISOString(),
        },
      ]);
      expect(await countReferralClicks(db, 'partirassur')).toBe(2);
      expect(await countReferralClicks(db, 'partirassur', new Date('2027-01-01'))).toBe(0);
    } finally {
      await temp.dispose();
    }
  });
});
