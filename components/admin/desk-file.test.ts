import { describe, expect, it } from 'vitest';
import { historyText } from './desk-file';
import type { FileEvent } from '@/lib/file/store';

const event = (change: Partial<FileEvent>): FileEvent => ({
  id: 'e1',
  createdAt: '2026-03-02T09:00:00.000Z',
  actorKind: 'member',
  actorId: 'u1',
  actorName: null,
  action: 'marked-done',
  stepId: 'nia',
  detail: '2026-03-01',
  ...change,
});
const titles = (id: string) => ({ nia: 'Temporary number (NIA)' })[id] ?? id;

describe("the desk's file history", () => {
  it('says who marked which step done, and on what day', () => {
    expect(historyText(event({}), titles)).toBe(
      'The member marked “Temporary number (NIA)” done on 1 March 2026',
    );
    expect(
      historyText(event({ actorKind: 'staff', actorId: 's1', actorName: 'Camille' }), titles),
    ).toBe('Camille (staff) marked “Temporary number (NIA)” done on 1 March 2026');
    expect(historyText(event({ actorKind: 'staff', actorName: null }), titles)).toMatch(
      /^Staff \(staff\) marked/,
    );
  });

  it('names every kind of change, and never a note’s text', () => {
    const lines = (
      [
        'saved-route',
        'unmarked',
        'note-changed',
        'checklist-changed',
        'reminders-on',
        'reminders-off',
      ] as const
    ).map((action) => historyText(event({ action, detail: null }), titles));
    expect(lines).toEqual([
      'The member saved the planner’s route to the file',
      'The member marked “Temporary number (NIA)” as to do again',
      'The member changed the note on “Temporary number (NIA)”',
      'The member updated the document checklist',
      'The member turned e-mail reminders on',
      'The member turned e-mail reminders off',
    ]);
  });
});
