// What a request's row on /admin and the request's own page show alike: when it came and its
// status, what needs a second look, and its status form. Plain components with plain props, so the
// inbox's rows (InboxRows, rendered from compact data) and a request's page (on the server) share them.

/** "Received <when> · <facts> · Status: <status>". */
export function RequestReceived({
  createdAt,
  received,
  facts,
  statusLabel,
}: {
  /** ISO time, for `<time dateTime>`. */
  createdAt: string;
  /** The same time as staff read it (Paris). */
  received: string;
  /** Said between the time and the status (how to reach the person, their language). */
  facts?: string;
  statusLabel: string;
}) {
  return (
    <p className="desk-meta">
      {'Received '}
      <time dateTime={createdAt}>{received}</time>
      {` · ${facts ? `${facts} · ` : ''}Status: `}
      <span className="font-semibold" data-testid="inbox-status">
        {statusLabel}
      </span>
    </p>
  );
}

/** A note that asks staff to look twice; `flag`: a flag the request was stored with. */
export interface RequestNote {
  text: string;
  flag?: boolean;
}

export function RequestNotes({ notes }: { notes: RequestNote[] }) {
  return notes.map((note) => (
    <p
      key={note.text}
      className="mt-3 rounded-lg border border-amber-400 bg-amber-50 p-3 text-sm text-amber-950 dark:bg-amber-950/40 dark:text-amber-100"
      data-testid={note.flag ? 'quote-flag' : undefined}
    >
      {note.text}
    </p>
  ));
}

/** A request's "Change status" form: back to the list (or the request's page) as staff had it. */
export function StatusChangeForm({
  action,
  requestId,
  fieldId,
  status,
  statuses,
  kept,
  back,
}: {
  action: (formData: FormData) => Promise<void>;
  requestId: string;
  fieldId: string;
  status: string;
  statuses: Readonly<Record<string, string>>;
  /** The inbox's filters as hidden fields (inboxFilterParams), so staff land back on their list. */
  kept: Readonly<Record<string, string>>;
  /** On the request's own page (BACK_TO_REQUEST): land back there, not on the inbox. */
  back?: string;
}) {
  return (
    <form action={action} className="desk-form">
      <input type="hidden" name="id" value={requestId} />
      {back ? <input type="hidden" name="back" value={back} /> : null}
      {Object.entries(kept).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <div>
        <label htmlFor={fieldId} className="field-label">
          Change status
        </label>
        <select id={fieldId} name="status" defaultValue={status} className="field-input">
          {Object.entries(statuses).map(([id, label]) => (
            <option key={id} value={id}>
              {label}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="btn-secondary">
        Update status
      </button>
    </form>
  );
}
