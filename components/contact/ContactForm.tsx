'use client';

// The free-quote form. A plain form posting to a server action: without JavaScript the page
// reloads with the action's state (errors and everything typed); with it, the same action runs in
// place and the button shows progress.
import Link from 'next/link';
import { useActionState } from 'react';
import { ErrorSummary } from '@/components/forms/ErrorSummary';
import { FieldError, describedBy } from '@/components/forms/FieldError';
import { RadioGroup } from '@/components/forms/RadioGroup';
import { TextField } from '@/components/forms/TextField';
import { useFormToken } from '@/components/forms/useFormToken';
import { contactFormToken, submitContact } from '@/lib/contact/actions';
import {
  CONTACT_LIMITS,
  NATIONALITY_GROUPS,
  PROCEDURES,
  SITUATIONS,
  STAY_LENGTHS,
  type ContactField,
  type ContactFormState,
} from '@/lib/contact/schema';
import { LANGUAGES } from '@/lib/forms/choices';

const FIELD_LABELS: Record<ContactField, string> = {
  name: 'Your name',
  email: 'E-mail address',
  phone: 'Phone',
  situation: 'Your situation',
  nationality: 'Nationality',
  stay: 'Planned length of stay',
  procedures: 'Procedures',
  message: 'Your message',
  language: 'Preferred language',
  consent: 'Consent',
};

/** The id of the element a field's error points to (the first control, or the group). */
const anchorOf = (field: ContactField) =>
  ['situation', 'nationality', 'stay', 'procedures', 'language'].includes(field)
    ? `${field}-legend`
    : `contact-${field}`;

export function ContactForm({ initialState }: { initialState: ContactFormState }) {
  // The permalink is where the form posts before (or without) JavaScript: without it React writes
  // action="", which is invalid HTML.
  const [state, formAction, pending] = useActionState(submitContact, initialState, '/contact');
  const formToken = useFormToken(state.formToken, contactFormToken);

  const { values, fieldErrors } = state;
  const hintOrError = (field: ContactField, hint?: string) => describedBy(fieldErrors, field, hint);
  const invalid = (field: ContactField) => (fieldErrors[field] ? true : undefined);

  return (
    <form
      action={formAction}
      noValidate
      className="space-y-6"
      data-token-ready={formToken ? 'true' : 'false'}
      aria-describedby={state.status !== 'idle' ? 'contact-summary' : undefined}
    >
      {state.status !== 'idle' ? (
        <ErrorSummary
          id="contact-summary"
          tone={state.status === 'confirm' ? 'info' : 'error'}
          formError={state.formError}
          fieldErrors={fieldErrors}
          labels={FIELD_LABELS}
          anchorOf={anchorOf}
          result={state}
        />
      ) : null}

      {formToken ? <input type="hidden" name="formToken" value={formToken} /> : null}
      {/* Honeypot: hidden from people and assistive technology; robots fill it in. */}
      <div
        aria-hidden="true"
        className="absolute -left-[10000px] top-auto h-px w-px overflow-hidden"
      >
        <label htmlFor="contact-website">Website (leave this empty)</label>
        <input
          id="contact-website"
          name="website"
          type="text"
          tabIndex={-1}
          autoComplete="off"
          defaultValue=""
        />
      </div>

      <div className="grid gap-6 md:grid-cols-2">
        <TextField
          id="contact-name"
          name="name"
          label="Your name"
          autoComplete="name"
          required
          maxLength={CONTACT_LIMITS.name}
          defaultValue={values.name}
          error={fieldErrors.name}
        />
        <TextField
          id="contact-email"
          name="email"
          label="E-mail address"
          type="email"
          autoComplete="email"
          inputMode="email"
          required
          maxLength={CONTACT_LIMITS.email}
          defaultValue={values.email}
          error={fieldErrors.email}
        />
        <TextField
          id="contact-phone"
          name="phone"
          label={
            <>
              Phone{' '}
              <span className="font-normal text-slate-600 dark:text-slate-400">(optional)</span>
            </>
          }
          type="tel"
          autoComplete="tel"
          maxLength={CONTACT_LIMITS.phone}
          defaultValue={values.phone}
          error={fieldErrors.phone}
          hint="If you would like us to call you. Include the country code, e.g. +44."
        />
      </div>

      <RadioGroup
        name="situation"
        legend="Your situation"
        choices={SITUATIONS}
        value={values.situation}
        error={fieldErrors.situation}
      />
      <RadioGroup
        name="nationality"
        legend="Your nationality"
        choices={NATIONALITY_GROUPS}
        value={values.nationality}
        error={fieldErrors.nationality}
      />
      <RadioGroup
        name="stay"
        legend="How long do you plan to stay in France?"
        choices={STAY_LENGTHS}
        value={values.stay}
        error={fieldErrors.stay}
      />

      <fieldset aria-describedby={hintOrError('procedures', 'procedures-hint')}>
        <legend id="procedures-legend" tabIndex={-1} className="field-label">
          Which procedures would you like help with?
        </legend>
        <p id="procedures-hint" className="mt-1 text-sm text-slate-600 dark:text-slate-400">
          Choose all that apply.
        </p>
        <div className="mt-2 grid gap-2 sm:grid-cols-2">
          {Object.entries(PROCEDURES).map(([key, label]) => (
            <label
              key={key}
              className="inline-flex items-center gap-2 text-slate-800 dark:text-slate-200"
            >
              <input
                type="checkbox"
                name="procedures"
                value={key}
                defaultChecked={values.procedures.includes(key)}
                aria-invalid={invalid('procedures')}
                className="h-4 w-4 accent-brand-700"
              />
              {label}
            </label>
          ))}
        </div>
        <FieldError field="procedures" message={fieldErrors.procedures} />
      </fieldset>

      <TextField
        id="contact-message"
        name="message"
        label="Your message"
        multiline
        rows={6}
        required
        maxLength={CONTACT_LIMITS.message}
        defaultValue={values.message}
        error={fieldErrors.message}
        hint={`Where you are in the process, any deadline, anything already tried. Up to ${CONTACT_LIMITS.message.toLocaleString('en-GB')} characters.`}
      />

      <RadioGroup
        name="language"
        legend="Preferred language for our reply"
        choices={LANGUAGES}
        value={values.language}
        error={fieldErrors.language}
      />

      <div>
        <div className="flex items-start gap-3">
          <input
            id="contact-consent"
            name="consent"
            type="checkbox"
            value="yes"
            required
            defaultChecked={values.consent}
            aria-invalid={invalid('consent')}
            aria-describedby={hintOrError('consent')}
            className="mt-1 h-4 w-4 accent-brand-700"
          />
          <label htmlFor="contact-consent" className="text-sm text-slate-800 dark:text-slate-200">
            I agree that Sojoourn may contact me about this request, as explained in the{' '}
            <Link
              href="/privacy"
              className="font-semibold text-brand-700 underline dark:text-brand-100"
            >
              privacy policy
            </Link>
            .
          </label>
        </div>
        <FieldError field="consent" message={fieldErrors.consent} />
      </div>

      <button
        type="submit"
        className="btn-primary px-6 py-3 text-base"
        disabled={pending}
        aria-busy={pending}
      >
        {pending ? 'Sending your request…' : 'Send my request'}
      </button>
    </form>
  );
}
