'use client';

import Link from 'next/link';
import { useActionState } from 'react';
import { submitAssistanceRequest } from '@/lib/assistance/actions';
import {
  ASSISTANCE_TOPICS,
  CONTACT_METHODS,
  DESCRIPTION_MAX,
  DESCRIPTION_MIN,
  LANGUAGES,
  PHONE_MAX,
  initialAssistanceState,
  languageLabel,
  topicLabel,
  type AssistanceField,
} from '@/lib/assistance/schema';

/** The member's request form. Plain POST without JavaScript; with it, a pending state. */
export function AssistanceForm() {
  const [state, formAction, pending] = useActionState(
    submitAssistanceRequest,
    initialAssistanceState,
  );
  const { values, fieldErrors } = state;
  // aria-describedby for a field: its error when there is one, else its hint (if any).
  const describedBy = (field: AssistanceField, hint?: string) =>
    fieldErrors[field] ? `${field}-error` : hint;
  const errorFor = (field: AssistanceField) =>
    fieldErrors[field] ? (
      <p id={`${field}-error`} className="field-error">
        {fieldErrors[field]}
      </p>
    ) : null;

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
          {languageLabel(state.sent.language)}. We have e-mailed you a copy.
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
      {state.formError ? (
        <p
          role="alert"
          className="rounded-lg border border-red-300 bg-red-50 p-4 text-red-900 dark:border-red-800 dark:bg-red-950/40 dark:text-red-100"
        >
          {state.formError}
        </p>
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
          aria-describedby={describedBy('topic')}
          className="field-input"
        >
          <option value="" disabled>
            Choose a topic
          </option>
          {ASSISTANCE_TOPICS.map((topic) => (
            <option key={topic.id} value={topic.id}>
              {topic.label}
            </option>
          ))}
        </select>
        {errorFor('topic')}
      </div>

      <div>
        <label htmlFor="description" className="field-label">
          Your situation
        </label>
        <textarea
          id="description"
          name="description"
          required
          rows={8}
          minLength={DESCRIPTION_MIN}
          maxLength={DESCRIPTION_MAX}
          defaultValue={values.description}
          aria-invalid={fieldErrors.description ? true : undefined}
          aria-describedby={describedBy('description', 'description-hint')}
          className="field-input"
        />
        {errorFor('description') ?? (
          <p id="description-hint" className="mt-1 text-sm text-slate-600 dark:text-slate-400">
            What you are trying to do, where you are stuck, and any deadline. Between{' '}
            {DESCRIPTION_MIN} and {DESCRIPTION_MAX} characters.
          </p>
        )}
      </div>

      <fieldset aria-describedby={describedBy('contactMethod')}>
        <legend className="field-label">How should we contact you?</legend>
        <div className="mt-2 flex flex-wrap gap-6">
          {CONTACT_METHODS.map((method) => (
            <label key={method.id} className="inline-flex items-center gap-2">
              <input
                type="radio"
                name="contactMethod"
                value={method.id}
                defaultChecked={values.contactMethod === method.id}
                className="h-4 w-4 accent-brand-700"
              />
              {method.label}
            </label>
          ))}
        </div>
        {errorFor('contactMethod')}
      </fieldset>

      <div>
        <label htmlFor="phone" className="field-label">
          Phone number <span className="font-normal">(if you chose phone)</span>
        </label>
        <input
          id="phone"
          name="phone"
          type="tel"
          autoComplete="tel"
          maxLength={PHONE_MAX}
          defaultValue={values.phone}
          aria-invalid={fieldErrors.phone ? true : undefined}
          aria-describedby={describedBy('phone', 'phone-hint')}
          className="field-input"
        />
        {errorFor('phone') ?? (
          <p id="phone-hint" className="mt-1 text-sm text-slate-600 dark:text-slate-400">
            With the country code if it is not French, e.g. +44 20 7946 0000.
          </p>
        )}
      </div>

      <fieldset aria-describedby={describedBy('language')}>
        <legend className="field-label">Preferred language</legend>
        <div className="mt-2 flex flex-wrap gap-6">
          {LANGUAGES.map((language) => (
            <label key={language.id} className="inline-flex items-center gap-2">
              <input
                type="radio"
                name="language"
                value={language.id}
                defaultChecked={values.language === language.id}
                className="h-4 w-4 accent-brand-700"
              />
              {language.label}
            </label>
          ))}
        </div>
        {errorFor('language')}
      </fieldset>

      <button type="submit" className="btn-primary" disabled={pending} aria-busy={pending}>
        {pending ? 'Sending your request…' : 'Send my request'}
      </button>
    </form>
  );
}
