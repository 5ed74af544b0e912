// The SQL of the file reminders: claiming one reminder of one step (compare-and-set, together with
// its e-mail in the outbox) and the one-click stop. The rest of the file's SQL is in ./store.
import type { Kysely } from 'kysely';
import { insertFileEvent, setReminders } from './store';
import { retryWhenBusy } from '../db/busy';
import type { Database } from '../db/schema';
import type { OutgoingMail } from '../platform/mail';
import { storeMail } from '../platform/outbox';

/** How long a claimed reminder's e-mail is this run's to send before the outbox retry takes it. */
export const REMINDER_SEND_HOLD_MS = 5 * 60_000;

export interface ReminderClaim {
  fileId: string;
  stepId: string;
  /** The step's reminder state as the run read it: the claim holds only if it is unchanged. */
  seen: { remindersSent: number; lastRemindedAt: string | null };
  purpose: string;
  mail: OutgoingMail;
}

/** The compare-and-set of a claim: the step's row moves on only if it is as the run read it. */
export const claimStepUpdate = (
  db: Kysely<Database>,
  claim: Pick<ReminderClaim, 'fileId' | 'stepId' | 'seen'>,
  at: string,
) => {
  const { remindersSent, lastRemindedAt } = claim.seen;
  return db
    .updateTable('member_file_step')
    .set({ reminders_sent: remindersSent + 1, last_reminded_at: at })
    .where('file_id', '=', claim.fileId)
    .where('step_id', '=', claim.stepId)
    .where('reminders_sent', '=', remindersSent)
    .where((eb) =>
      lastRemindedAt === null
        ? eb('last_reminded_at', 'is', null)
        : eb('last_reminded_at', '=', lastRemindedAt),
    )
    .where('done_on', 'is', null)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('member_file')
          .select('member_file.id')
          .where('member_file.id', '=', claim.fileId)
          .where('member_file.reminders', '=', 1),
      ),
    );
};

/**
 * Claims the step's next reminder and stores its e-mail in the outbox, in one transaction: the
 * step's row goes from `reminders_sent = n` to `n + 1` only if nobody else moved it since it was
 * read (another instance, another run), the step is still to do and the file's reminders are still
 * on. So a reminder is recorded exactly when its e-mail is kept, and two runs at once send it once.
 * Returns the outbox id, or null when the claim did not hold.
 */
export async function claimReminder(
  db: Kysely<Database>,
  claim: ReminderClaim,
  now: Date,
): Promise<string | null> {
  const at = now.toISOString();
  return retryWhenBusy(
    () =>
      db.transaction().execute(async (trx) => {
        // A step the member never dated has no row yet. Written first, so that on SQLite the
        // transaction takes the write lock before it reads anything (no stale snapshot).
        await trx
          .insertInto('member_file_step')
          .values({
            file_id: claim.fileId,
            step_id: claim.stepId,
            done_on: null,
            done_by: null,
            done_by_name: null,
            note: null,
            updated_at: at,
          })
          .onConflict((oc) => oc.columns(['file_id', 'step_id']).doNothing())
          .execute();
        const claimed = await claimStepUpdate(trx, claim, at).executeTakeFirst();
        if (Number(claimed.numUpdatedRows) !== 1) return null;
        return storeMail(trx, claim.purpose, claim.mail, now, { holdMs: REMINDER_SEND_HOLD_MS });
      }),
    { label: 'file reminder' },
  );
}

/**
 * The e-mail's one-click stop: turns the file's reminders off, recorded in its history as the
 * member's doing (they hold the link). 'gone' when the file no longer exists (account deleted).
 */
export async function stopRemindersByLink(
  db: Kysely<Database>,
  fileId: string,
  now: Date,
): Promise<'stopped' | 'already-off' | 'gone'> {
  return retryWhenBusy(
    () =>
      db.transaction().execute(async (trx) => {
        const changed = await setReminders(trx, fileId, false, now);
        const file = await trx
          .selectFrom('member_file')
          .select('user_id')
          .where('id', '=', fileId)
          .executeTakeFirst();
        if (!file) return 'gone';
        if (!changed) return 'already-off';
        await insertFileEvent(
          trx,
          fileId,
          {
            actorKind: 'member',
            actorId: file.user_id,
            actorName: null,
            action: 'reminders-off',
            stepId: null,
            detail: 'e-mail link',
          },
          now,
        );
        return 'stopped';
      }),
    { label: 'file reminders off' },
  );
}
