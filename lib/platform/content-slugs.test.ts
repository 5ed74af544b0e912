// next.config.js rewrites only the slugs content-slugs.js reads from contentlayer's output: they
// must be exactly the ones the reader copies are built for (their generateStaticParams).
import { describe, expect, it } from 'vitest';
import { listEvents, listGuides, listTags } from '@/lib/content';
import { knownContentSlugs } from './content-slugs';

describe('knownContentSlugs', () => {
  it('is the published guides, their tags and the published events, as lib/content lists them', () => {
    const { upcoming, past } = listEvents();
    expect(knownContentSlugs()).toEqual({
      guides: listGuides()
        .map((guide) => guide.slug)
        .sort(),
      tags: listTags()
        .map(({ tag }) => tag)
        .sort(),
      events: [...upcoming, ...past].map((event) => event.slug).sort(),
    });
  });
});
