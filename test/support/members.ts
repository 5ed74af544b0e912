// Members for unit tests of the services: the viewer lib/auth/viewer would hand them, and a request.
import type { SignedInViewer } from '../../lib/access';
import { assistanceRequestInput, type AssistanceRequestInput } from '../../lib/assistance/schema';

const DAY_MS = 86_400_000;

/** A signed-in member whose paid period started yesterday and runs for another month. */
export function activeMember(userId: string, email: string, now = new Date()): SignedInViewer {
  return {
    kind: 'user',
    userId,
    email,
    isStaff: false,
    membership: {
      status: 'active',
      currentPeriodStart: new Date(now.getTime() - DAY_MS),
      currentPeriodEnd: new Date(now.getTime() + 30 * DAY_MS),
      cancelAtPeriodEnd: false,
      startedAt: new Date(now.getTime() - DAY_MS),
    },
  };
}

/** A valid assistance request (about taxes, answered by e-mail in English). */
export function taxReturnRequest(): AssistanceRequestInput {
  return assistanceRequestInput.parse({
    topic: 'taxes',
    description: 'I need help with my first French tax return this spring.',
    contactMethod: 'email',
    phone: '',
    language: 'en',
  });
}
