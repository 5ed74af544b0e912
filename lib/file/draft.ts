// A personalised assistance request started from the member's file: its text says where the file
// stands, so the advisor starts from it. Pure and client-safe; the assistance page builds it on the
// server from the viewer's own file (nothing of the file travels in the address).
import type { FileStep } from './expected';
import { formatDay } from '../platform/format';

export function assistanceDraft(file: { routeTitle: string | null; steps: FileStep[] }): string {
  const lines = [`About my Carte Vitale file${file.routeTitle ? ` (${file.routeTitle})` : ''}:`];
  for (const step of file.steps.filter((s) => s.skipped === null)) {
    const expected = step.expectation;
    if (step.state === 'done')
      lines.push(`- ${step.title}: done${step.doneOn ? ` on ${formatDay(step.doneOn)}` : ''}.`);
    else if (expected?.kind === 'dated' && expected.overdue)
      lines.push(
        `- ${step.title}: overdue, expected by ${formatDay(expected.date)} (${expected.daysLate} days late).`,
      );
    else if (expected?.kind === 'dated')
      lines.push(`- ${step.title}: expected by ${formatDay(expected.date)}.`);
    else lines.push(`- ${step.title}: to do.`);
  }
  lines.push('', 'My question: ');
  return lines.join('\n');
}
