// Drafts (issue 14): a guide with `draft: true` is in no listing, in development and production
// alike, and getGuide returns it to staff only. Reads the real content, which holds an example draft.
// Needs `.contentlayer/generated` (`npx contentlayer2 build`), like the app itself.
import { describe, expect, it } from 'vitest';
import {
  getGuide,
  guidesDueForReview,
  homeGuides,
  listDraftGuides,
  listGuides,
  listGuidesByTag,
  listTags,
  relatedGuides,
  reviewDueOn,
} from './index';
import { READER, type Viewer } from '../access';
import { guideSources } from '@/test/support/gated';

const DRAFT = 'example-draft-residence-permit-renewal';
const user = (isStaff: boolean): Viewer => ({
  kind: 'user',
  userId: 'u1',
  email: isStaff ? 'staff@example.test' : 'user@example.test',
  isStaff,
  membership: null,
});
const STAFF = user(true);
const MEMBER_LIKE: Viewer = {
  kind: 'user',
  userId: 'u2',
  email: 'member@example.test',
  isStaff: false,
  membership: {
    status: 'active',
    currentPeriodStart: new Date(Date.now() - 86_400_000),
    currentPeriodEnd: new Date(Date.now() + 20 * 86_400_000),
    cancelAtPeriodEnd: false,
    startedAt: new Date(Date.now() - 86_400_000),
  },
};

describe('draft guides', () => {
  it('the content holds the example draft (so these tests can fail)', () => {
    expect(guideSources().find((guide) => guide.slug === DRAFT)?.draft).toBe(true);
  });

  it('are in no listing: index, tags, tag pages, home, related guides', () => {
    expect(listGuides().map((g) => g.slug)).not.toContain(DRAFT);
    expect(listGuides().every((g) => !g.draft)).toBe(true);
    expect(listTags().map((t) => t.tag)).not.toContain('example');
    expect(listGuidesByTag('residence-permit').map((g) => g.slug)).not.toContain(DRAFT);
    expect(homeGuides(10).map((g) => g.slug)).not.toContain(DRAFT);
    for (const guide of listGuides()) {
      expect(relatedGuides(guide.slug, 10).map((g) => g.slug)).not.toContain(DRAFT);
    }
  });

  it('exist for staff only', () => {
    expect(getGuide(DRAFT, STAFF)).toMatchObject({ slug: DRAFT, draft: true });
    expect(getGuide(DRAFT, STAFF)?.code.length).toBeGreaterThan(0);
    expect(getGuide(DRAFT)).toBeNull();
    expect(getGuide(DRAFT, READER)).toBeNull();
    expect(getGuide(DRAFT, user(false))).toBeNull();
    expect(getGuide(DRAFT, MEMBER_LIKE)).toBeNull();
    expect(listDraftGuides(STAFF)?.map((g) => g.slug)).toEqual([DRAFT]);
    expect(listDraftGuides(MEMBER_LIKE)).toBeNull();
  });

  it('do not change how a published guide is found', () => {
    for (const viewer of [undefined, READER, STAFF]) {
      expect(getGuide('carte-vitale', viewer)?.slug).toBe('carte-vitale');
    }
  });

  it('stay out in development too (the rule no longer depends on NODE_ENV)', async () => {
    const { vi } = await import('vitest');
    vi.stubEnv('NODE_ENV', 'development');
    vi.resetModules();
    const fresh = await import('./index');
    expect(fresh.listGuides().map((g) => g.slug)).not.toContain(DRAFT);
    expect(fresh.getGuide(DRAFT)).toBeNull();
    vi.unstubAllEnvs();
  });
});

describe('the home page guides', () => {
  it('put the featured Carte Vitale guide first, whatever newer guides exist', () => {
    const home = homeGuides(3);
    expect(home[0]?.slug).toBe('carte-vitale');
    expect(home).toHaveLength(3);
    expect(listGuides().filter((g) => g.featured).map((g) => g.slug)).toEqual(['carte-vitale']);
  });
});

describe('guides due for review', () => {
  const guide = (slug: string, reviewedAt: string, draft = false) => ({
    slug,
    title: slug,
    url: `/guides/${slug}`,
    reviewedAt,
    draft,
  });
  const now = new Date('2026-11-30T09:00:00Z');
  const guides = [
    guide('fresh', '2026-06-01'),
    guide('overdue', '2025-11-01'),
    guide('due-today', '2025-11-30'),
    guide('due-in-three-weeks', '2025-12-21'),
    guide('due-in-two-months', '2026-01-30'),
    guide('old-draft', '2024-01-10', true),
  ];

  it('lists those checked more than 12 months ago, and those due within a month', () => {
    const review = guidesDueForReview(STAFF, now, guides);
    expect(review?.overdue.map((g) => g.slug)).toEqual(['old-draft', 'overdue']);
    expect(review?.soon.map((g) => g.slug)).toEqual(['due-today', 'due-in-three-weeks']);
    expect(review?.overdue[1]).toMatchObject({ reviewedAt: '2025-11-01', dueOn: '2026-11-01' });
  });

  it('is for staff only', () => {
    expect(guidesDueForReview(READER, now, guides)).toBeNull();
    expect(guidesDueForReview(MEMBER_LIKE, now, guides)).toBeNull();
  });

  it('counts twelve calendar months', () => {
    expect(reviewDueOn('2025-03-31')).toBe('2026-03-31');
    expect(reviewDueOn('2024-02-29')).toBe('2025-03-01');
  });

  it('reads the real guides: the example draft (reviewed June 2025) is overdue', () => {
    const review = guidesDueForReview(STAFF, now);
    expect(review?.overdue.map((g) => g.slug)).toContain(DRAFT);
  });
});
