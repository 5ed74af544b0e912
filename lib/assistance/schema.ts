// What a personalised assistance request may hold, and the state the form shows. Client-safe: the
// server action validates with it and the client form reads its choices.
import * as z from '../forms/zod';
import {
  LANGUAGES,
  PHONE_MAX,
  PHONE_MESSAGES,
  choice,
  choiceKeys,
  isPhoneNumber,
  labelOf,
} from '../forms/choices';
import { fieldErrorsFrom, type FormState } from '../forms/state';
import { stringFields } from '../forms/form-data';

export const ASSISTANCE_TOPICS = {
  'health-insurance': 'Health insurance',
  'residence-permit': 'Residence permit',
  taxes: 'Taxes',
  banking: 'Banking',
  housing: 'Housing',
  other: 'Something else',
} as const;
export type AssistanceTopic = keyof typeof ASSISTANCE_TOPICS;

export const CONTACT_METHODS = {
  email: 'E-mail',
  phone: 'Phone',
} as const;
export type ContactMethod = keyof typeof CONTACT_METHODS;

export const ASSISTANCE_STATUSES = {
  new: 'New',
  in_progress: 'In progress',
  answered: 'Answered',
  closed: 'Closed',
} as const;
export type AssistanceStatus = keyof typeof ASSISTANCE_STATUSES;

export const DESCRIPTION_MIN = 20;
export const DESCRIPTION_MAX = 4000;

export const topicLabel = (id: string) => labelOf(ASSISTANCE_TOPICS, id);
export const contactMethodLabel = (id: string) => labelOf(CONTACT_METHODS, id);
export const languageLabel = (id: string) => labelOf(LANGUAGES, id);
export const statusLabel = (id: string) => labelOf(ASSISTANCE_STATUSES, id);

export const assistanceRequestInput = z
  .strictObject({
    topic: choice(ASSISTANCE_TOPICS, 'Choose the topic closest to your situation.'),
    description: z
      .string({ error: 'Describe your situation.' })
      .trim()
      .min(DESCRIPTION_MIN, `Tell us a little more: at least ${DESCRIPTION_MIN} characters.`)
      .max(DESCRIPTION_MAX, `Please keep it under ${DESCRIPTION_MAX} characters.`),
    contactMethod: choice(CONTACT_METHODS, 'Choose how you would like us to contact you.'),
    // Checked below only when the member asked to be called; capped either way.
    phone: z.string().trim().max(PHONE_MAX, PHONE_MESSAGES.tooLong).optional().default(''),
    language: choice(LANGUAGES, 'Choose English or French.'),
  })
  .superRefine((value, ctx) => {
    if (value.contactMethod !== 'phone') return;
    if (!value.phone) {
      ctx.addIssue({
        code: 'custom',
        path: ['phone'],
        message: 'Enter the phone number we should call.',
      });
    } else if (!isPhoneNumber(value.phone)) {
      ctx.addIssue({ code: 'custom', path: ['phone'], message: PHONE_MESSAGES.invalid });
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
  status: z.enum(choiceKeys(ASSISTANCE_STATUSES), { error: 'Choose a status from the list.' }),
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

export interface AssistanceFormState extends FormState<AssistanceField, AssistanceValues> {
  /** After a successful request: what to confirm on the page. */
  sent?: {
    topic: string;
    contactMethod: string;
    language: string;
    /** The e-mails could not go yet (SMTP down): they are kept and sent later. */
    mailDelayed: boolean;
  };
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

/** The form's own fields from a post, as strings, capped so that a huge post is not echoed. */
export const assistanceValuesFrom = (formData: FormData): AssistanceValues =>
  stringFields(formData, ASSISTANCE_FIELDS, DESCRIPTION_MAX + 1000);

/** The first message per field of the assistance form. */
export const assistanceFieldErrors = (error: z.ZodError) =>
  fieldErrorsFrom(error, ASSISTANCE_FIELDS);
