import 'server-only';
// The desk's file figures (counts by step, the overdue list) are worked out from every file: a
// step's state and expected date come from the planner and today, not from a column. Worked out
// once, they are kept with the files' version (a number triggers raise with every write to a file,
// a step or a member's address, by any instance or writer: migration 017) and the day; a load of
// /admin then reads that one number, and works the figures out again only when it has changed. The
// figures are never older than the files.
import type { Kysely } from 'kysely';
import { fileVersion } from './store';
import type { Database } from '../db/schema';

interface Kept<T> {
  version: number;
  /** What else the figures depend on: the day, the planner. */
  inputs: readonly unknown[];
  figures: Promise<T>;
}

/** Per database (the app's one, or a test's), what was worked out last. */
const kept = new WeakMap<Kysely<Database>, Kept<unknown>>();

/**
 * `work()`'s figures, worked out again only when the files' version or `inputs` (compared by
 * identity) differ from those they were worked out with. Calls that arrive together share one run.
 */
export async function figuresOfFiles<T>(
  db: Kysely<Database>,
  inputs: readonly unknown[],
  work: () => Promise<T>,
): Promise<T> {
  const version = await fileVersion(db);
  const last = kept.get(db) as Kept<T> | undefined;
  if (
    last &&
    last.version === version &&
    last.inputs.length === inputs.length &&
    last.inputs.every((input, index) => input === inputs[index])
  )
    return last.figures;
  // Read before the files: a write while they are read leaves a newer version, so the next load
  // works them out again (never an older figure kept as current).
  const entry: Kept<T> = { version, inputs, figures: work() };
  kept.set(db, entry);
  entry.figures.catch(() => {
    if (kept.get(db) === entry) kept.delete(db);
  });
  return entry.figures;
}
