import { describe, expect, it } from 'vitest';
import { placesInAllText, placesLeftText, registrationIsOpen } from './rules';

describe('what an event page says about places', () => {
  it('says how many are left, with the time of the count when it has one', () => {
    expect(placesLeftText(3, 30)).toBe('3 of 30 places left.');
    expect(placesLeftText(1, 1, '14:05')).toBe('1 of 1 place left (at 14:05, Paris time).');
    expect(placesLeftText(0, 2)).toBe('All 2 places are taken: members can join the waiting list.');
    expect(placesLeftText(0, 1, '09:30')).toBe(
      'The one place is taken (at 09:30, Paris time): members can join the waiting list.',
    );
    expect(placesInAllText(2)).toBe('2 places in all.');
    expect(placesInAllText(1)).toBe('1 place in all.');
  });

  it('keeps registration open until the event starts', () => {
    const event = { startsAt: '2027-02-11T19:00:00+01:00' };
    expect(registrationIsOpen(event, new Date('2027-02-11T17:59:59Z'))).toBe(true);
    expect(registrationIsOpen(event, new Date('2027-02-11T18:00:00Z'))).toBe(false);
  });
});
