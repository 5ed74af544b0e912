// The handbook renders each example with the guide page's own components: the members' section
// opens for staff and shows only its title and teaser to a reader (its text is not in the HTML).
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { READER, type Viewer } from '@/lib/access';
import { HANDBOOK_EXAMPLES } from '@/lib/content/handbook-examples';
import { LiveExample } from './HandbookExample';

const STAFF: Viewer = {
  kind: 'user',
  userId: 'staff-1',
  email: 'staff@sojoourn.test',
  isStaff: true,
  membership: null,
};
const sourceOf = (id: string) => HANDBOOK_EXAMPLES.find((e) => e.id === id)?.source ?? '';
const html = async (id: string, viewer: Viewer, idSuffix: string) =>
  renderToStaticMarkup(await LiveExample({ source: sourceOf(id), viewer, idSuffix }));

describe('LiveExample', () => {
  it('shows the members’ section open to staff, and as a teaser to a reader, with ids apart', async () => {
    const open = await html('members-only', STAFF, 'as-member');
    expect(open).toContain('data-members-section="open"');
    expect(open).toContain('id="bank-tips-as-member"');
    expect(open).toContain('they name a');
    const locked = await html('members-only', READER, 'as-reader');
    expect(locked).toContain('data-members-section="locked"');
    expect(locked).toContain('id="bank-tips-as-reader"');
    expect(locked).toContain('The letter that gets most refusals reversed within a week.');
    expect(locked).not.toContain('they name a');
  });

  it('renders the timeline and the checklist with their items', async () => {
    const timeline = await html('timeline', STAFF, 'timeline');
    expect(timeline.match(/<li/g)).toHaveLength(3);
    expect(timeline).toContain('aria-label="From application to card"');
    const checklist = await html('checklist', STAFF, 'checklist');
    expect(checklist.match(/type="checkbox"/g)).toHaveLength(3);
    expect(checklist).toContain('What the bank asks for');
  });
});
