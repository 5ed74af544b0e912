// The overdue reminder e-mail of a member's file: which step is late, since when, what to do now
// (the official contact route, and the file, where the member can ask us for help), and a one-click
// stop (RFC 8058: List-Unsubscribe with an https link, List-Unsubscribe-Post). The stop links carry
// a signed token naming the file, never the address. Pure apart from the site's URL.
import { MAX_REMINDERS_PER_STEP } from './reminders-cadence';
import { formatDay } from '../platform/format';
import type { OutgoingMail } from '../platform/mail';
import { renderEmail } from '../platform/mail-template';
import { absoluteUrl } from '../platform/site-url';

export interface OverdueStepReminder {
  stepId: string;
  stepTitle: string;
  /** The day the step was expected (YYYY-MM-DD). */
  expectedOn: string;
  /** The planner's delay, e.g. "about 3 weeks after your application reached the CPAM". */
  delayLabel: string;
  /** 'experience': the club's own observation, not an official delay, and the e-mail says so. */
  delayKind: 'official' | 'experience';
  /** The step whose date started the clock. */
  from: { title: string; doneOn: string };
  /** 1 for the first reminder of this step, up to MAX_REMINDERS_PER_STEP. */
  reminderNumber: number;
}

/** Where the e-mail's stop links go: the one-click POST endpoint, and the page a person opens. */
export function stopLinks(token: string): { oneClick: string; page: string } {
  const query = `?token=${encodeURIComponent(token)}`;
  return {
    oneClick: absoluteUrl(`/api/reminders/stop${query}`),
    page: absoluteUrl(`/reminders/stop${query}`),
  };
}

export const FILE_PATH = '/account/file';

/** What may help with this step in particular, beyond asking the CPAM where the file stands. */
const STEP_ADVICE: Record<string, string> = {
  nia: 'Ask whether your application arrived complete. If a document is missing, send it with a copy of your form (cerfa 15763) and keep proof of sending.',
  nir: 'The permanent number needs a full birth certificate, translated into French unless it comes from the EEA or Switzerland or a treaty exempts it. Ask whether one is missing: a missing civil-status document must be supplied within 3 months.',
  'card-arrives':
    'Check the order in your ameli account or app. Until the card comes, keep sending the paper claim forms (feuilles de soins).',
};

const CONTACT =
  'Contact your CPAM: call 36 46 (the Assurance Maladie line; the service is free, the call costs what your operator charges), go to your CPAM, or write from your ameli account once you have one.';

export function overdueReminderEmail(
  reminder: OverdueStepReminder,
  stopToken: string,
): Omit<OutgoingMail, 'to'> {
  const links = stopLinks(stopToken);
  const expected = formatDay(reminder.expectedOn);
  const delay =
    reminder.delayKind === 'experience'
      ? `${reminder.delayLabel}, in our members' experience: not an official delay`
      : reminder.delayLabel;
  const advice = STEP_ADVICE[reminder.stepId];
  const fileUrl = absoluteUrl(FILE_PATH);
  const content = renderEmail({
    preheader: `${reminder.stepTitle} was expected by ${expected}.`,
    heading: `${reminder.stepTitle}: later than expected`,
    paragraphs: [
      `Your Carte Vitale file says you reached “${reminder.from.title}” on ${formatDay(reminder.from.doneOn)}. “${reminder.stepTitle}” was expected by ${expected} (${delay}), and your file does not show it yet.`,
      `What to do now: ${CONTACT} Ask where your file stands, and note the date, who you spoke to and any reference in your file.`,
      ...(advice ? [advice] : []),
      'From your file you can also ask us for personalised help: the request is filled in with where your file stands.',
      'If it has come in the meantime, mark it done on your file: the reminders for this step stop there.',
    ],
    details: [
      { label: 'Step', value: reminder.stepTitle },
      { label: 'Expected by', value: expected },
    ],
    button: { label: 'Open your file', url: fileUrl },
    footnote: `Reminder ${reminder.reminderNumber} of at most ${MAX_REMINDERS_PER_STEP} for this step, at most one every 14 days. To stop these reminders in one click: ${links.page} (you can turn them back on with the reminders switch on your file page).`,
  });
  return {
    subject: `Your Carte Vitale file: ${reminder.stepTitle} is late`,
    ...content,
    headers: {
      'List-Unsubscribe': `<${links.oneClick}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    },
  };
}
