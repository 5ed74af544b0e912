// What a personalised assistance request may hold, and the state the form shows. Pure (no
// server-only marker): the server action validates with it and the client form reads its labels.
import { z } from 'zod';

export const ASSISTANCE_TOPICS = [
  { id: 'health-insurance', label: 'Health insurance' },
  { id: 'residence-permit', label: 'Residence permit' },
  { id: 'taxes', label: 'Taxes' },
  { id: 'banking', label: 'Banking' },
  { id: 'housing', label: 'Housing' },
  { id: 'other', label: 'Something else' },
] as const;

export type AssistanceTopic = (typeof ASSISTANCE_TOPICS)[number]['id'];

const TOPIC_IDS = ASSISTANCE_TOPICS.map((topic) => topic.id) as [
  AssistanceTopic,
  ...AssistanceTopic[],
];

export const CONTACT_METHODS = [
  { id: 'email', label: 'E-mail' },
  { id: 'phone', label: 'Phone' },
] as const;
export type ContactMethod = (typeof CONTACT_METHODS)[number]['id'];

export const LANGUAGES = [
  { id: 'en', label: 'English' },
  { id: 'fr', label: 'French' },
] as const;
export type AssistanceLanguage = (typeof LANGUAGES)[number]['id'];

export const ASSISTANCE_STATUSES = [
  { id: 'new', label: 'New' },
  { id: 'in_progress', label: 'In progress' },
  { id: 'answered', label: 'Answered' },
  { id: 'closed', label: 'Closed' },
] as const;
export type AssistanceStatus = (typeof ASSISTANCE_STATUSES)[number]['id'];

export const DESCRIPTION_MIN = 20;
export const DESCRIPTION_MAX = 4000;
export const PHONE_MAX = 30;

const labelIn = (list: readonly { id: string; label: string }[], id: string) =>
  list.find((entry) => entry.id === id)?.label ?? id;

export const topicLabel = (id: string) => labelIn(ASSISTANCE_TOPICS, id);
export const contactMethodLabel = (id: string) => labelIn(CONTACT_METHODS, id);
export const languageLabel = (id: string) => labelIn(LANGUAGES, id);
export const statusLabel = (id: string) => labelIn(ASSISTANCE_STATUSES, id);

/** A phone number as people type it: digits with optional +, spaces, dots, dashes, brackets. */
const PHONE_CHARACTERS = /^\+?[0-9 ().-]+$/;

export const assistanceRequestInput = z
  .strictObject({
    topic: z.enum(TOPIC_IDS, { error: 'Choose the topic closest to your situation.' }),
    description: z
      .string({ error: 'Describe your situation.' })
      .trim()
      .min(DESCRIPTION_MIN, `Tell us a little more: at least ${DESCRIPTION_MIN} characters.`)
      .max(DESCRIPTION_MAX, `Please keep it under ${DESCRIPTION_MAX} characters.`),
    contactMethod: z.enum(['email', 'phone'], {
      error: 'Choose how you would like us to contact you.',
    }),
    phone: z
      .string()
      .trim()
      .max(PHONE_MAX, 'That phone number is too long.')
      .optional()
      .default(''),
    language: z.enum(['en', 'fr'], { error: 'Choose English or French.' }),
  })
  .superRefine((value, ctx) => {
    if (value.contactMethod !== 'phone') return;
    const digits = value.phone.replace(/\D/g, '').length;
    if (!value.phone) {
      ctx.addIssue({
        code: 'custom',
        path: ['phone'],
        message: 'Enter the phone number we should call.',
      });
    } else if (!PHONE_CHARACTERS.test(value.phone) || digits < 6 || digits > 15) {
      ctx.addIssue({
        code: 'custom',
        path: ['phone'],
        message: 'Check the phone number: digits only, with an optional + and country code.',
      });
    }
  })
  // A phone number is kept only when the member asked to be called.
  .transform((value) => ({
    ...value,
    phone: value.contactMethod === 'phone' ? value.phone : null,
  }));

export type AssistanceRequestInput = z.output<typeof assistanceRequestInput>;

export const assistanceStatusUpdate = z.strictObject({
  id: z.uuid({ error: 'Unknown request.' }),
  status: z.enum(
    ASSISTANCE_STATUSES.map((status) => status.id) as [AssistanceStatus, ...AssistanceStatus[]],
    { error: 'Choose a status from the list.' },
  ),
});

export const ASSISTANCE_FIELDS = [
  'topic',
  'description',
  'contactMethod',
  'phone',
  'language',
] as const;
export type AssistanceField = (typeof ASSISTANCE_FIELDS)[number];
export type AssistanceValues = Record<AssistanceField, string>;

export interface AssistanceFormState {
  status: 'idle' | 'error' | 'sent';
  /** What the person typed, shown again when there is an error. */
  values: AssistanceValues;
  fieldErrors: Partial<Record<AssistanceField, string>>;
  formError: string | null;
  /** After a successful request: what to confirm on the page. */
  sent?: { topic: string; contactMethod: string; language: string };
}

export const EMPTY_ASSISTANCE_VALUES: AssistanceValues = {
  topic: '',
  description: '',
  contactMethod: 'email',
  phone: '',
  language: 'en',
};

export const initialAssistanceState: AssistanceFormState = {
  status: 'idle',
  values: EMPTY_ASSISTANCE_VALUES,
  fieldErrors: {},
  formError: null,
};

/**
 * The form's own fields, as strings, from a posted FormData. Anything else in the post (Next's
 * action fields, anything forged) is left out; values are capped so a huge post is not echoed.
 */
export function assistanceValuesFrom(formData: FormData): AssistanceValues {
  const values: AssistanceValues = {
    topic: '',
    description: '',
    contactMethod: '',
    phone: '',
    language: '',
  };
  for (const field of ASSISTANCE_FIELDS) {
    const raw = formData.get(field);
    if (typeof raw === 'string') values[field] = raw.slice(0, DESCRIPTION_MAX + 1000);
  }
  return values;
}

/** The first message per field, for errors shown next to each field. */
export function fieldErrorsOf(error: z.ZodError): Partial<Record<AssistanceField, string>> {
  const errors: Partial<Record<AssistanceField, string>> = {};
  for (const issue of error.issues) {
    const field = issue.path[0];
    if (typeof field === 'string' && (ASSISTANCE_FIELDS as readonly string[]).includes(field)) {
      errors[field as AssistanceField] ??= issue.message;
    }
  }
  return errors;
}
