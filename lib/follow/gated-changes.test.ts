// The leak crawl's list of members' text (test/support/gated.ts) holds the summaries of members'
// changes (issue 23): the crawl of pages, payloads and the feed, and the follow journey's reader
// mailbox, must never show one. A public change's summary is not a secret.
import { describe, expect, it } from 'vitest';
import { gatedPhrases, type ContentFile } from '@/test/support/gated';

const guide = (changes: unknown[]): ContentFile => ({
  file: 'guides/example.mdx',
  kind: 'guides',
  slug: 'example',
  data: { title: 'Example', summary: 'An example guide.', access: 'public', changes },
  body: 'A public paragraph about the example guide.',
});

describe('gated phrases', () => {
  it('include members’ change summaries and leave public ones out', () => {
    const phrases = gatedPhrases([
      guide([
        {
          date: '2026-01-02',
          summary: 'The members’ checklist now names the Lyon office contact.',
          members: true,
        },
        { date: '2026-01-01', summary: 'The public fee table was brought up to date.' },
      ]),
    ]).map((phrase) => phrase.text);
    expect(phrases).toContain('The members’ checklist now names the Lyon office contact.');
    expect(phrases.join('\n')).not.toContain('public fee table');
  });
});
