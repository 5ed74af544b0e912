// What the desk shows of a member's file, from lib/file's staff view: the steps and a readable history.
import type { FileStep } from '@/lib/file/expected';
import type { FileView } from '@/lib/file/service';
import type { FileEvent } from '@/lib/file/store';
import { formatDay } from '@/lib/platform/format';

export interface DeskFileEvent {
  id: string;
  createdAt: string;
  text: string;
}

export interface DeskFile {
  userId: string;
  routeTitle: string;
  steps: FileStep[];
  /** Oldest first. */
  history: DeskFileEvent[];
}

/** "the member" or the staff member's name, as the file's history shows who acted. */
function actorOf(event: FileEvent): string {
  return event.actorKind === 'staff' ? `${event.actorName ?? 'Staff'} (staff)` : 'The member';
}

/** One line of the file's history: who did what (never a note's text: it says a note changed). */
export function historyText(event: FileEvent, titleOf: (stepId: string) => string): string {
  const who = actorOf(event);
  const step = event.stepId ? titleOf(event.stepId) : 'a step';
  switch (event.action) {
    case 'saved-route':
      return `${who} saved the planner’s route to the file`;
    case 'marked-done':
      return `${who} marked “${step}” done${event.detail ? ` on ${formatDay(event.detail)}` : ''}`;
    case 'unmarked':
      return `${who} marked “${step}” as to do again`;
    case 'note-changed':
      return `${who} changed the note on “${step}”`;
    case 'checklist-changed':
      return `${who} updated the document checklist`;
    case 'reminders-on':
      return `${who} turned e-mail reminders on`;
    case 'reminders-off':
      return `${who} turned e-mail reminders off`;
    default:
      return `${who} changed the file`;
  }
}

export function deskFileOf(file: FileView): DeskFile {
  const titles = new Map(file.steps.map((step) => [step.id, step.title]));
  const titleOf = (id: string) => titles.get(id) ?? id;
  return {
    userId: file.userId,
    routeTitle: file.routeTitle ?? 'a route the planner no longer offers',
    steps: file.steps,
    history: file.history.map((event) => ({
      id: event.id,
      createdAt: event.createdAt,
      text: historyText(event, titleOf),
    })),
  };
}
