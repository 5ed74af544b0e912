import { describe, expect, it } from 'vitest';
import {
  markAddress,
  overduePageFrom,
  returnedMark,
  staffMarkFromForm,
  STAFF_NAME_MAX,
} from './file-mark';
import { inboxFiltersFrom } from './schema';

const USER = '0b8f1c2e-3d4a-4b5c-8d6e-7f8091a2b3c4';
const REQUEST = '1c9f2d3e-4e5b-4c6d-9e7f-8091a2b3c4d5';

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
};

describe("the desk's mark-step form", () => {
  it('reads a well-formed post, and refuses a forged one', () => {
    const ok = staffMarkFromForm(
      form({
        userId: USER,
        stepId: 'nia',
        doneOn: '2026-03-01',
        staffName: ' Camille ',
        at: REQUEST,
      }),
    );
    expect(ok.success && ok.data).toEqual({
      userId: USER,
      stepId: 'nia',
      doneOn: '2026-03-01',
      staffName: 'Camille',
      at: REQUEST,
    });
    const forgeries: Record<string, string>[] = [
      { userId: 'not-a-user', stepId: 'nia', doneOn: '2026-03-01', at: 'overdue' },
      { userId: USER, stepId: '__proto__', doneOn: '2026-03-01', at: 'overdue' },
      { userId: USER, stepId: 'nia', doneOn: 'x'.repeat(21), at: 'overdue' },
      { userId: USER, stepId: 'nia', doneOn: '2026-03-01', at: 'elsewhere' },
      {
        userId: USER,
        stepId: 'nia',
        doneOn: '2026-03-01',
        at: 'overdue',
        staffName: 'n'.repeat(STAFF_NAME_MAX + 1),
      },
    ];
    for (const forged of forgeries) {
      expect(staffMarkFromForm(form(forged)).success, JSON.stringify(forged)).toBe(false);
    }
  });

  it('sends a refused date back to its form with what was typed, and the filters kept', () => {
    const filters = inboxFiltersFrom({ aq: 'someone@example.test', qstatus: 'closed' });
    const mark = {
      userId: USER,
      stepId: 'nia',
      doneOn: '2999-01-01',
      staffName: 'Camille',
      at: 'overdue',
    };
    const address = new URL(markAddress(filters, 'file-date', mark, true), 'http://desk.test');
    expect(address.pathname).toBe('/admin');
    expect(address.hash).toBe(`#overdue-${USER}`);
    const params = Object.fromEntries(address.searchParams);
    expect(params).toMatchObject({
      aq: 'someone@example.test',
      qstatus: 'closed',
      notice: 'file-date',
    });
    expect(returnedMark(params)).toEqual(mark);

    // A saved mark carries nothing typed back, and lands on the page of the request it was made
    // from (where the member's file and its form are), the inbox's filters kept.
    const saved = new URL(
      markAddress(filters, 'file-marked', { ...mark, at: REQUEST }),
      'http://desk.test',
    );
    expect(saved.pathname).toBe(`/admin/assistance/${REQUEST}`);
    expect(saved.searchParams.get('aq')).toBe('someone@example.test');
    expect(saved.hash).toBe(`#request-${REQUEST}`);
    expect(returnedMark(Object.fromEntries(saved.searchParams))).toBeNull();
  });

  it('ignores malformed returned values', () => {
    expect(returnedMark({ fuser: USER, fstep: 'nia', fat: ['overdue', 'x'], fdate: '' })).toEqual({
      userId: USER,
      stepId: 'nia',
      doneOn: '',
      staffName: '',
      at: 'overdue',
    });
    expect(returnedMark({ fuser: '__proto__', fstep: 'nia', fat: 'overdue' })).toBeNull();
    expect(returnedMark({})).toBeNull();
  });

  it('reads the overdue page from the address, the first page for anything odd', () => {
    expect(overduePageFrom({ opage: '3' })).toBe(3);
    for (const odd of ['0', '-1', '1.5', 'abc', '__proto__', '99999999', ''])
      expect(overduePageFrom({ opage: odd }), odd).toBe(1);
    expect(overduePageFrom({ opage: ['2', '5'] })).toBe(2);
    expect(overduePageFrom({})).toBe(1);
  });
});
