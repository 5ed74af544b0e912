'use client';

import Link from 'next/link';
import { useActionState } from 'react';
import { ErrorSummary } from '@/components/forms/ErrorSummary';
import { FieldError, describedBy } from '@/components/forms/FieldError';
import { RadioGroup } from '@/components/forms/RadioGroup';
import { TextField } from '@/components/forms/TextField';
import { submitAssistanceRequest } from '@/lib/assistance/actions';
import {
  ASSISTANCE_TOPICS,
  CONTACT_METHODS,
  DESCRIPTION_MAX,
  DESCRIPTION_MIN,
  initialAssistanceState,
  languageLabel,
  topicLabel,
  type AssistanceField,
  type AssistanceValues,
} from '@/lib/assistance/schema';
import { LANGUAGES, PHONE_MAX } from '@/lib/forms/choices';

const FIELD_LABELS: Record<AssistanceField, string> = {
  topic: 'Topic',
  description: 'Your situation',
  contactMethod: 'How should we contact you?',
  phone: 'Phone number',
  language: 'Preferred language',
};

const anchorOf = (field: AssistanceField) =>
  field === 'contactMethod' || field === 'language' ? `${field}-legend` : field;

/** The member's request form. Plain POST without JavaScript; with it, a pending state. */
export function AssistanceForm({
  initial,
}: {
  /** A request started elsewhere (the member's Carte Vitale file): topic and text filled in. */
  initial?: Partial<AssistanceValues>;
} = {}) {
  const [state, formAction, pending] = useActionState(
    submitAssistanceRequest,
    initial
      ? { ...initialAssistanceState, values: { ...initialAssistanceState.values, ...initial } }
      : initialAssistanceState,
  );
  const { values, fieldErrors } = state;
  const hintOrError = (field: AssistanceField, hint?: string) =>
    describedBy(fieldErrors, field, hint);

  if (state.status === 'sent' && state.sent) {
    return (
      <div
        role="status"
        className="rounded-2xl border border-brand-600/40 bg-brand-50 p-6 text-brand-900 dark:bg-slate-900 dark:text-brand-100"
      >
        <h2 className="font-serif text-2xl font-bold">Thank you, your request has been sent</h2>
        <p className="mt-2">
          A Sojoourn advisor will get back to you about {topicLabel(state.sent.topic).toLowerCase()}{' '}
          by {state.sent.contactMethod === 'phone' ? 'phone' : 'e-mail'}, in{' '}
          {languageLabel(state.sent.language)}.{' '}
          {state.sent.mailDelayed
            ? 'Our e-mail is running late: your request is safely with us, and your copy will follow by e-mail shortly.'
            : 'We have e-mailed you a copy.'}
        </p>
        <p className="mt-4">
          <Link href="/account#assistance-requests" className="btn-primary">
            Follow your requests
          </Link>
        </p>
      </div>
    );
  }

  return (
    <form action={formAction} noValidate className="space-y-6">
      {state.status === 'invalid' || state.status === 'refused' ? (
        <ErrorSummary
          id="assistance-summary"
          formError={state.formError}
          fieldErrors={fieldErrors}
          labels={FIELD_LABELS}
          anchorOf={anchorOf}
          result={state}
        />
      ) : null}

      <div>
        <label htmlFor="topic" className="field-label">
          Topic
        </label>
        <select
          // Remounted when the kept value changes: React does not re-apply a select's defaultValue
          // on update, and the form is reset to its defaults after each submission.
          key={values.topic}
          id="topic"
          name="topic"
          required
          defaultValue={values.topic}
          aria-invalid={fieldErrors.topic ? true : undefined}
          aria-describedby={hintOrError('topic')}
          className="field-input"
        >
          <option value="" disabled>
            Choose a topic
          </option>
          {Object.entries(ASSISTANCE_TOPICS).map(([id, label]) => (
            <option key={id} value={id}>
              {label}
            </option>
          ))}
        </select>
        <FieldError field="topic" message={fieldErrors.topic} />
      </div>

      <TextField
        id="description"
        name="description"
        label="Your situation"
        multiline
        rows={8}
        required
        minLength={DESCRIPTION_MIN}
        maxLength={DESCRIPTION_MAX}
        defaultValue={values.description}
        error={fieldErrors.description}
        hint={`What you are trying to do, where you are stuck, and any deadline. Between ${DESCRIPTION_MIN} and ${DESCRIPTION_MAX} characters.`}
      />

      <RadioGroup
        name="contactMethod"
        legend="How should we contact you?"
        choices={CONTACT_METHODS}
        value={values.contactMethod}
        error={fieldErrors.contactMethod}
      />

      <TextField
        id="phone"
        name="phone"
        label={
          <>
            Phone number <span className="font-normal">(if you chose phone)</span>
          </>
        }
        type="tel"
        autoComplete="tel"
        maxLength={PHONE_MAX}
        defaultValue={values.phone}
        error={fieldErrors.phone}
        hint="With the country code if it is not French, e.g. +44 20 7946 0000."
      />

      <RadioGroup
        name="language"
        legend="Preferred language"
        choices={LANGUAGES}
        value={values.language}
        error={fieldErrors.language}
      />

      <button type="submit" className="btn-primary" disabled={pending} aria-busy={pending}>
        {pending ? 'Sending your request…' : 'Send my request'}
      </button>
    </form>
  );
}
