'use server';
// The member's file forms: save from the planner, mark a step, a step's note, the checklist, the
// reminders switch. Plain POSTs that work without JavaScript; lib/file/service checks lib/access
// again, so a forged post from anyone else changes nothing.
import { redirect } from 'next/navigation';
import { STEP_FIELDS, type StepFormState } from './schema';
import {
  markOwnStep,
  saveOwnChecklist,
  saveOwnNote,
  saveRouteFromPlanner,
  setOwnReminders,
  type StepChangeResult,
} from './service';
import { getViewer } from '../auth/viewer';
import { formDataToObject, stringFields, clip } from '../forms/form-data';
import { loadPlanner } from '../planner/load';
import { answersFromParams, plannerSearch } from '../planner/rules';

const FILE_PATH = '/account/file';
const PLANNER_PATH = '/guides/carte-vitale/planner';

/** The planner's "save to my file" button: the answers come as hidden fields. */
export async function saveFileFromPlanner(formData: FormData): Promise<void> {
  const planner = loadPlanner();
  const fields = formDataToObject(formData);
  const params = Object.fromEntries(planner.questions.map((q) => [q.id, clip(fields[q.id], 40)]));
  const answers = answersFromParams(planner, params);
  const back = `${PLANNER_PATH}${plannerSearch(planner, answers)}`;
  const viewer = await getViewer();
  // Signed out: sign in first, then back to the same answers.
  if (viewer.kind === 'reader')
    redirect(`/signin?callbackUrl=${encodeURIComponent(`${back}#save-to-file`)}`);
  const result = await saveRouteFromPlanner(viewer, answers);
  if (result.kind === 'saved')
    redirect(`${FILE_PATH}?notice=${result.created ? 'created' : 'updated'}`);
  // Not a member (the planner shows why and how to join), or answers missing.
  redirect(`${back}#save-to-file`);
}

const MESSAGES: Record<Exclude<StepChangeResult['kind'], 'saved' | 'invalid'>, string> = {
  refused:
    'Your file is read-only: keeping it up to date is for Sojoourn Club members. Rejoin to change it.',
  'no-file': 'You have no file yet: save your route from the planner first.',
  'not-on-route':
    'That step is not on your route any more. Reload the page to see your file as it is.',
};

function stepState(values: StepFormState['values'], result: StepChangeResult): StepFormState {
  if (result.kind === 'invalid')
    return {
      status: 'invalid',
      values,
      fieldErrors: { [result.field]: result.message },
      formError: null,
    };
  return {
    status: 'refused',
    values,
    fieldErrors: {},
    formError: result.kind === 'saved' ? null : MESSAGES[result.kind],
  };
}

const stepIdOf = (formData: FormData) => clip(formData.get('stepId'), 60);

/** Mark a step done on a date (`intent=done`), or to do again (`intent=undo`). */
export async function markStepAction(
  _previous: StepFormState,
  formData: FormData,
): Promise<StepFormState> {
  const values = stringFields(formData, STEP_FIELDS, 600);
  const stepId = stepIdOf(formData);
  const undo = formData.get('intent') === 'undo';
  let result: StepChangeResult;
  try {
    result = await markOwnStep(await getViewer(), { stepId, doneOn: undo ? null : values.doneOn });
  } catch (error) {
    console.error('[file] step could not be saved:', error);
    return {
      status: 'refused',
      values,
      fieldErrors: {},
      formError: 'We could not save this just now. Nothing was lost: please try again.',
    };
  }
  if (result.kind === 'saved')
    redirect(`${FILE_PATH}?notice=${undo ? 'step-undone' : 'step-done'}#step-${stepId}`);
  return stepState(values, result);
}

/** A step's private note. */
export async function saveNoteAction(
  _previous: StepFormState,
  formData: FormData,
): Promise<StepFormState> {
  const values = stringFields(formData, STEP_FIELDS, 600);
  const stepId = stepIdOf(formData);
  let result: StepChangeResult;
  try {
    result = await saveOwnNote(await getViewer(), { stepId, note: values.note });
  } catch (error) {
    console.error('[file] note could not be saved:', error);
    return {
      status: 'refused',
      values,
      fieldErrors: {},
      formError: 'We could not save your note just now. Nothing was lost: please try again.',
    };
  }
  if (result.kind === 'saved') redirect(`${FILE_PATH}?notice=note-saved#step-${stepId}`);
  return stepState(values, result);
}

/** The document checklist: the ticked boxes are the checklist. */
export async function saveChecklistAction(formData: FormData): Promise<void> {
  const documents = formDataToObject(formData, { arrays: ['document'] }).document;
  const result = await saveOwnChecklist(await getViewer(), documents);
  redirect(`${FILE_PATH}?notice=${result === 'saved' ? 'checklist-saved' : 'not-saved'}#documents`);
}

/** The reminders switch. */
export async function setRemindersAction(formData: FormData): Promise<void> {
  const result = await setOwnReminders(await getViewer(), formData.get('reminders') === 'on');
  redirect(`${FILE_PATH}?notice=${result === 'saved' ? 'reminders-saved' : 'not-saved'}#reminders`);
}
