import 'server-only';
// In development, the content problems `npm run dev` found (scripts/dev.ts writes them on every
// change under content/), so the browser shows them above the page. Always [] in production.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DEV_PROBLEMS_FILE } from './dev-problems-file';

export function devContentProblems(): string[] {
  if (process.env.NODE_ENV !== 'development') return [];
  try {
    const parsed = JSON.parse(
      readFileSync(path.join(process.cwd(), DEV_PROBLEMS_FILE), 'utf8'),
    ) as { problems?: unknown };
    return Array.isArray(parsed.problems)
      ? parsed.problems.filter((p): p is string => typeof p === 'string').slice(0, 50)
      : [];
  } catch {
    return [];
  }
}
