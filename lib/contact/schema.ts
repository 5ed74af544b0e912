// The free-quote request: its choices, limits and validation. Pure (no server imports) so the
// client form renders the same choices and the unit tests exercise the same rules as the server.
import * as z from '../forms/zod';
import { LANGUAGES, PHONE_MAX, choice, choiceKeys, phoneField } from '../forms/choices';
import { emailAddress } from '../forms/email-address';
import { clip, formDataToObject } from '../forms/form-data';
import type { FormState } from '../forms/state';

export const SITUATIONS = {
  arriving: 'Arriving in France',
  'in-france': 'Already in France',
} as const;

export const NATIONALITY_GROUPS = {
  'eu-eea-swiss': 'EU, EEA or Swiss',
  uk: 'British (UK)',
  other: 'Another nationality',
} as const;

export const STAY_LENGTHS = {
  'under-3-months': 'Less than 3 months',
  '3-12-months': '3 to 12 months',
  'over-1-year': 'More than a year',
  'not-sure': 'Not sure yet',
} as const;

export const PROCEDURES = {
  'health-insurance': 'Health insurance and Carte Vitale',
  'residence-permit': 'Residence permit',
  'bank-account': 'Bank account',
  taxes: 'Taxes',
  housing: 'Housing',
  'driving-licence': 'Driving licence',
  other: 'Other',
} as const;

export type Situation = keyof typeof SITUATIONS;
export type NationalityGroup = keyof typeof NATIONALITY_GROUPS;
export type StayLength = keyof typeof STAY_LENGTHS;
export type Procedure = keyof typeof PROCEDURES;

export const CONTACT_LIMITS = {
  name: 120,
  email: 254,
  phone: PHONE_MAX,
  message: 5000,
  /** The honeypot and the fill-time token: generous, only there to bound what is read. */
  website: 500,
  formToken: 300,
} as const;

// Control characters would let a value break a mail header line or fake a new row in a listing.
const NO_CONTROL_CHARS = /^[^\p{Cc}]*$/u;
// A message may hold line breaks and tabs, but no other control characters.
const MESSAGE_CHARS = /^(?:[^\p{Cc}]|[\t\n\r])*$/u;

export const contactRequestSchema = z
  .object({
    name: z
      .string({ error: 'Enter your name.' })
      .trim()
      .min(1, 'Enter your name.')
      .max(CONTACT_LIMITS.name, `Your name can be at most ${CONTACT_LIMITS.name} characters.`)
      .regex(NO_CONTROL_CHARS, 'Your name contains characters we cannot accept.'),
    email: z.string({ error: 'Enter your e-mail address.' }).pipe(emailAddress),
    phone: phoneField.optional().transform((value) => value || null),
    situation: choice(SITUATIONS, 'Tell us whether you are arriving or already in France.'),
    nationality: choice(NATIONALITY_GROUPS, 'Choose your nationality group.'),
    stay: choice(STAY_LENGTHS, 'Choose how long you plan to stay.'),
    procedures: z
      .array(z.enum(choiceKeys(PROCEDURES), { error: 'Choose procedures from the list.' }), {
        error: 'Choose at least one procedure (or “Other”).',
      })
      .min(1, 'Choose at least one procedure (or “Other”).')
      .max(Object.keys(PROCEDURES).length, 'Choose each procedure once.')
      .refine((list) => new Set(list).size === list.length, 'Choose each procedure once.'),
    message: z
      .string({ error: 'Tell us briefly what you need help with.' })
      .trim()
      .min(1, 'Tell us briefly what you need help with.')
      .max(
        CONTACT_LIMITS.message,
        `Your message can be at most ${CONTACT_LIMITS.message} characters.`,
      )
      .regex(MESSAGE_CHARS, 'Your message contains characters we cannot accept.'),
    language: choice(LANGUAGES, 'Choose English or French.'),
    consent: z.literal('yes', {
      error: 'Please agree to be contacted about your request, so we can answer you.',
    }),
  })
  .strict();

export type ContactRequest = z.output<typeof contactRequestSchema>;

/** What the form posts: the request plus the anti-spam fields. Anything else is refused. */
export const contactSubmissionSchema = contactRequestSchema
  .extend({
    website: z.string().max(CONTACT_LIMITS.website).optional(),
    formToken: z.string().max(CONTACT_LIMITS.formToken).optional(),
  })
  .strict();

export type ContactField = keyof z.input<typeof contactRequestSchema>;
/** The fields a person fills in (the anti-spam fields are not among them). */
export const CONTACT_FIELDS = Object.keys(contactRequestSchema.shape) as ContactField[];

/** What the form shows: every field as typed, so a refused submission loses nothing. */
export interface ContactFormValues {
  name: string;
  email: string;
  phone: string;
  situation: string;
  nationality: string;
  stay: string;
  procedures: string[];
  message: string;
  language: string;
  consent: boolean;
}

export const EMPTY_CONTACT_VALUES: ContactFormValues = {
  name: '',
  email: '',
  phone: '',
  situation: '',
  nationality: '',
  stay: '',
  procedures: [],
  message: '',
  language: 'en',
  consent: false,
};

export interface ContactFormState extends FormState<ContactField, ContactFormValues> {
  /**
   * `confirm`: the request is fine but arrived without a usable fill-time token (a static page
   * without JavaScript, or a form left open for a day): sending again with the fresh token goes
   * through. `refused`: rate limit or a malformed post.
   */
  status: 'idle' | 'invalid' | 'confirm' | 'refused';
  /** The signed fill-time token the next submission carries. */
  formToken: string | null;
}

export function initialContactState(
  values: Partial<ContactFormValues> = {},
  formToken: string | null = null,
): ContactFormState {
  return {
    status: 'idle',
    values: { ...EMPTY_CONTACT_VALUES, ...values },
    fieldErrors: {},
    formError: null,
    formToken,
  };
}

/** The posted form for zod: `procedures` is a checkbox group, every other field a single value. */
export const contactFormDataToObject = (formData: FormData) =>
  formDataToObject(formData, { arrays: ['procedures'] });

/** The submitted values, clipped to their limits, to show the form again. */
export function contactValuesFrom(raw: Record<string, unknown>): ContactFormValues {
  const procedures = Array.isArray(raw.procedures) ? raw.procedures : [];
  return {
    name: clip(raw.name, CONTACT_LIMITS.name * 2),
    email: clip(raw.email, CONTACT_LIMITS.email * 2),
    phone: clip(raw.phone, CONTACT_LIMITS.phone * 2),
    situation: clip(raw.situation, 40),
    nationality: clip(raw.nationality, 40),
    stay: clip(raw.stay, 40),
    procedures: procedures
      .filter((item): item is string => typeof item === 'string' && Object.hasOwn(PROCEDURES, item))
      .slice(0, Object.keys(PROCEDURES).length),
    message: clip(raw.message, CONTACT_LIMITS.message * 2),
    language: clip(raw.language, 10) || 'en',
    consent: raw.consent === 'yes',
  };
}

/** Human labels for a stored request (e-mails, the staff inbox). */
export function describeContactRequest(request: ContactRequest) {
  return {
    situation: SITUATIONS[request.situation],
    nationality: NATIONALITY_GROUPS[request.nationality],
    stay: STAY_LENGTHS[request.stay],
    procedures: request.procedures.map((key) => PROCEDURES[key]),
    language: LANGUAGES[request.language],
  };
}
