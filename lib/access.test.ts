import { describe, expect, it } from 'vitest';
import {
  READER,
  audienceOf,
  canReadMembersContent,
  canRequestAssistance,
  canWorkMemberFiles,
  ownFileAccess,
  isPayingMember,
  isStaff,
  membershipIsActive,
  membershipIsStale,
  STALE_PERIOD_GRACE_MS,
  parseStaffEmails,
  type Audience,
  type MembershipState,
  type Viewer,
} from './access';

// A monthly period: 1 → 31 October 2026 (UTC), renewal due at the end instant.
const PERIOD_START = new Date('2026-10-01T09:00:00.000Z');
const PERIOD_END = new Date('2026-11-01T09:00:00.000Z');
const MID_PERIOD = new Date('2026-10-15T12:00:00.000Z');
const ms = (date: Date, delta: number) => new Date(date.getTime() + delta);

function membership(overrides: Partial<MembershipState> = {}): MembershipState {
  return {
    status: 'active',
    currentPeriodStart: PERIOD_START,
    currentPeriodEnd: PERIOD_END,
    cancelAtPeriodEnd: false,
    startedAt: new Date('2026-06-01T09:00:00.000Z'),
    ...overrides,
  };
}

function user(m: MembershipState | null, staff = false): Viewer {
  return {
    kind: 'user',
    userId: 'user-1',
    email: staff ? 'staff@sojoourn.test' : 'someone@example.test',
    isStaff: staff,
    membership: m,
  };
}

interface Case {
  name: string;
  viewer: Viewer;
  now: Date;
  audience: Audience;
  /** membershipIsActive(viewer.membership) */
  active: boolean;
  paying: boolean;
}

// When a renewal fails, Stripe has already moved the subscription into the new (unpaid) period:
// the paid period is the one that ended at the new currentPeriodStart.
const pastDue = membership({
  status: 'past_due',
  currentPeriodStart: PERIOD_END,
  currentPeriodEnd: new Date('2026-12-01T09:00:00.000Z'),
});

const CASES: Case[] = [
  {
    name: 'reader',
    viewer: READER,
    now: MID_PERIOD,
    audience: 'reader',
    active: false,
    paying: false,
  },
  {
    name: 'signed in, never a member',
    viewer: user(null),
    now: MID_PERIOD,
    audience: 'user',
    active: false,
    paying: false,
  },
  {
    name: 'active member',
    viewer: user(membership()),
    now: MID_PERIOD,
    audience: 'member',
    active: true,
    paying: true,
  },
  {
    name: 'active member after the period end (renewal pending: Stripe still says active)',
    viewer: user(membership()),
    now: ms(PERIOD_END, 60_000),
    audience: 'member',
    active: true,
    paying: true,
  },
  {
    name: 'active row whose period ended just inside the grace (renewal news on its way)',
    viewer: user(membership()),
    now: ms(PERIOD_END, STALE_PERIOD_GRACE_MS - 1),
    audience: 'member',
    active: true,
    paying: true,
  },
  {
    name: 'active row past its period end + grace (a lost webhook): stale, fails closed',
    viewer: user(membership()),
    now: ms(PERIOD_END, STALE_PERIOD_GRACE_MS),
    audience: 'user',
    active: false,
    paying: false,
  },
  {
    name: 'active row a month after its period end (never re-confirmed by Stripe)',
    viewer: user(membership()),
    now: new Date('2026-12-01T09:00:00.000Z'),
    audience: 'user',
    active: false,
    paying: false,
  },
  {
    name: 'trialing row past its period end + grace',
    viewer: user(membership({ status: 'trialing' })),
    now: ms(PERIOD_END, STALE_PERIOD_GRACE_MS + 1),
    audience: 'user',
    active: false,
    paying: false,
  },
  {
    name: 'trialing member',
    viewer: user(membership({ status: 'trialing' })),
    now: MID_PERIOD,
    audience: 'member',
    active: true,
    paying: true,
  },
  {
    name: 'cancelled at period end, mid-period',
    viewer: user(membership({ cancelAtPeriodEnd: true })),
    now: MID_PERIOD,
    audience: 'member',
    active: true,
    paying: true,
  },
  {
    name: 'cancelled at period end, on the last day (morning)',
    viewer: user(membership({ cancelAtPeriodEnd: true })),
    now: new Date('2026-11-01T00:00:00.000Z'),
    audience: 'member',
    active: true,
    paying: true,
  },
  {
    name: 'cancelled at period end, one millisecond before the end instant',
    viewer: user(membership({ cancelAtPeriodEnd: true })),
    now: ms(PERIOD_END, -1),
    audience: 'member',
    active: true,
    paying: true,
  },
  {
    name: 'cancelled at period end, at the exact end instant',
    viewer: user(membership({ cancelAtPeriodEnd: true })),
    now: PERIOD_END,
    audience: 'user',
    active: false,
    paying: false,
  },
  {
    name: 'cancelled at period end, after the end',
    viewer: user(membership({ cancelAtPeriodEnd: true })),
    now: ms(PERIOD_END, 24 * 3600_000),
    audience: 'user',
    active: false,
    paying: false,
  },
  {
    name: 'trialing, cancelled at period end, after the end',
    viewer: user(membership({ status: 'trialing', cancelAtPeriodEnd: true })),
    now: ms(PERIOD_END, 1),
    audience: 'user',
    active: false,
    paying: false,
  },
  {
    name: 'past_due, still inside the paid period',
    viewer: user(pastDue),
    now: ms(PERIOD_END, -1),
    audience: 'member',
    active: true,
    paying: true,
  },
  {
    name: 'past_due, at the start of the unpaid period',
    viewer: user(pastDue),
    now: PERIOD_END,
    audience: 'payment-issue',
    active: false,
    paying: false,
  },
  {
    name: 'past_due, after the paid period (renewal failed)',
    viewer: user(pastDue),
    now: ms(PERIOD_END, 3 * 24 * 3600_000),
    audience: 'payment-issue',
    active: false,
    paying: false,
  },
  {
    name: 'unpaid (every retry failed)',
    viewer: user(membership({ status: 'unpaid' })),
    now: MID_PERIOD,
    audience: 'payment-issue',
    active: false,
    paying: false,
  },
  {
    name: 'canceled subscription',
    viewer: user(membership({ status: 'canceled' })),
    now: MID_PERIOD,
    audience: 'user',
    active: false,
    paying: false,
  },
  {
    name: 'incomplete (first payment not made)',
    viewer: user(membership({ status: 'incomplete' })),
    now: MID_PERIOD,
    audience: 'user',
    active: false,
    paying: false,
  },
  {
    name: 'incomplete_expired',
    viewer: user(membership({ status: 'incomplete_expired' })),
    now: MID_PERIOD,
    audience: 'user',
    active: false,
    paying: false,
  },
  {
    name: 'paused',
    viewer: user(membership({ status: 'paused' })),
    now: MID_PERIOD,
    audience: 'user',
    active: false,
    paying: false,
  },
  {
    name: 'an unknown status Stripe may add later',
    viewer: user(membership({ status: 'something_new' })),
    now: MID_PERIOD,
    audience: 'user',
    active: false,
    paying: false,
  },
  {
    name: 'staff without a membership',
    viewer: user(null, true),
    now: MID_PERIOD,
    audience: 'staff',
    active: false,
    paying: false,
  },
  {
    name: 'staff with an active membership',
    viewer: user(membership(), true),
    now: MID_PERIOD,
    audience: 'staff',
    active: true,
    paying: true,
  },
  {
    name: 'staff whose membership payment failed',
    viewer: user(pastDue, true),
    now: ms(PERIOD_END, 1),
    audience: 'staff',
    active: false,
    paying: false,
  },
];

describe('access decisions for every visitor state', () => {
  for (const c of CASES) {
    describe(c.name, () => {
      const canRead = c.audience === 'member' || c.audience === 'staff';

      it(`audienceOf → ${c.audience}`, () => {
        expect(audienceOf(c.viewer, c.now)).toBe(c.audience);
      });

      it(`canReadMembersContent → ${canRead}`, () => {
        expect(canReadMembersContent(c.viewer, c.now)).toBe(canRead);
      });

      it(`canRequestAssistance → ${canRead}`, () => {
        expect(canRequestAssistance(c.viewer, c.now)).toBe(canRead);
      });

      it(`isPayingMember → ${c.paying}`, () => {
        expect(isPayingMember(c.viewer, c.now)).toBe(c.paying);
      });

      it(`membershipIsActive → ${c.active}`, () => {
        const m = c.viewer.kind === 'user' ? c.viewer.membership : null;
        expect(membershipIsActive(m, c.now)).toBe(c.active);
      });

      it(`isStaff → ${c.audience === 'staff'}`, () => {
        expect(isStaff(c.viewer)).toBe(c.audience === 'staff');
      });
    });
  }

  it('covers each audience at least once', () => {
    const seen = new Set(CASES.map((c) => c.audience));
    expect([...seen].sort()).toEqual(['member', 'payment-issue', 'reader', 'staff', 'user']);
  });

  it('uses the current time when none is given', () => {
    const farFuture = membership({
      cancelAtPeriodEnd: true,
      currentPeriodEnd: new Date(Date.now() + 3600_000),
    });
    expect(audienceOf(user(farFuture))).toBe('member');
    const ended = membership({
      cancelAtPeriodEnd: true,
      currentPeriodEnd: new Date(Date.now() - 1000),
    });
    expect(audienceOf(user(ended))).toBe('user');
  });
});

describe('parseStaffEmails', () => {
  it('splits, trims, lower-cases and drops empty entries', () => {
    expect([...parseStaffEmails(' A@Example.test, ,b@example.test ')]).toEqual([
      'a@example.test',
      'b@example.test',
    ]);
  });

  it('is empty when unset', () => {
    expect(parseStaffEmails(undefined).size).toBe(0);
  });
});

describe('membershipIsStale', () => {
  const m = membership();
  it('is false inside the period and the grace, true from period end + grace', () => {
    expect(membershipIsStale(m, MID_PERIOD)).toBe(false);
    expect(membershipIsStale(m, ms(PERIOD_END, STALE_PERIOD_GRACE_MS - 1))).toBe(false);
    expect(membershipIsStale(m, ms(PERIOD_END, STALE_PERIOD_GRACE_MS))).toBe(true);
  });
  it('only concerns rows that could grant by status alone', () => {
    const late = ms(PERIOD_END, 10 * STALE_PERIOD_GRACE_MS);
    expect(membershipIsStale(membership({ status: 'canceled' }), late)).toBe(false);
    expect(membershipIsStale(pastDue, late)).toBe(false);
    expect(membershipIsStale(null, late)).toBe(false);
  });
});

describe('ownFileAccess and canWorkMemberFiles (the Carte Vitale file)', () => {
  it('lets members and staff write, anyone else signed in read their own, readers nothing', () => {
    for (const c of CASES) {
      const expected =
        c.viewer.kind === 'reader'
          ? 'none'
          : c.audience === 'member' || c.audience === 'staff'
            ? 'write'
            : 'read';
      expect(ownFileAccess(c.viewer, c.now), c.name).toBe(expected);
    }
  });

  it('keeps a lapsed member on read-only', () => {
    const lapsed = user(membership({ status: 'canceled' }));
    expect(ownFileAccess(lapsed, MID_PERIOD)).toBe('read');
    expect(ownFileAccess(user(membership()), MID_PERIOD)).toBe('write');
  });

  it("opens every member's file to staff only", () => {
    expect(canWorkMemberFiles(user(null, true))).toBe(true);
    expect(canWorkMemberFiles(user(membership()))).toBe(false);
    expect(canWorkMemberFiles(READER)).toBe(false);
  });
});
