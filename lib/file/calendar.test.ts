import { describe, expect, it } from 'vitest';
import { fileCalendar } from './calendar';
import { assistanceDraft } from './draft';
import { addDays, dayOf, fileSteps, type StepRecord } from './expected';
import { loadPlanner } from '../planner/load';
import { formatDay } from '../platform/format';

const planner = loadPlanner();
const now = new Date();
const today = dayOf(now);
const WORK = {
  nationality: 'eea',
  situation: 'employed',
  sofar: 'over-3-months',
  plan: 'longer',
  number: 'no',
};
const done = (stepId: string, doneOn: string): StepRecord => ({
  stepId,
  doneOn,
  doneBy: 'member',
  doneByName: null,
  note: 'Private: ref 42',
});

describe('the file as a calendar', () => {
  it('has one all-day event per step with an expected date, and none for the others', () => {
    const applied = addDays(today, -40);
    const steps = fileSteps(
      planner,
      { routeId: 'work', answers: WORK, records: [done('apply', applied)] },
      today,
    );
    const ics = fileCalendar(steps, {
      fileId: 'f1',
      now,
      domain: 'sojoourn.test',
      fileUrl: 'https://sojoourn.test/account/file',
    });
    const unfolded = ics.replace(/\r\n /g, '');
    expect(unfolded.match(/BEGIN:VEVENT/g)).toHaveLength(2);
    const compact = (day: string) => day.replace(/-/g, '');
    expect(unfolded).toContain(`DTSTART;VALUE=DATE:${compact(addDays(applied, 21))}`);
    expect(unfolded).toContain(`DTEND;VALUE=DATE:${compact(addDays(applied, 22))}`);
    expect(unfolded).toContain('SUMMARY:Expected: Temporary number (NIA)');
    expect(unfolded).toContain("In our members' experience\\, about 3 weeks");
    expect(unfolded).toContain('SUMMARY:Expected: Permanent number (NIR)');
    expect(unfolded).toContain('UID:file-f1-nia@sojoourn.test');
    // Private notes never go into a calendar (calendars get shared).
    expect(unfolded).not.toContain('ref 42');
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    for (const line of ics.split('\r\n'))
      expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
  });
});

describe('an assistance request started from the file', () => {
  it("says where the file stands, step by step, without the member's notes", () => {
    const applied = addDays(today, -40);
    const steps = fileSteps(
      planner,
      { routeId: 'work', answers: WORK, records: [done('apply', applied)] },
      today,
    );
    const draft = assistanceDraft({ routeTitle: 'You join through your work', steps });
    expect(draft.split('\n').slice(0, 4)).toEqual([
      'About my Carte Vitale file (You join through your work):',
      `- Apply to your CPAM: done on ${formatDay(applied)}.`,
      `- Temporary number (NIA): overdue, expected by ${formatDay(addDays(applied, 21))} (19 days late).`,
      `- Permanent number (NIR): expected by ${formatDay(addDays(applied, 274))}.`,
    ]);
    expect(draft).not.toContain('ref 42');
    expect(draft.length).toBeLessThan(4000);
  });
});
