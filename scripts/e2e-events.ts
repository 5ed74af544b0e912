// Writes the end-to-end suite's own events under content/events/e2e/, dated from today (see
// lib/content/e2e-events.ts). scripts/e2e.sh runs it before the build.
//   npx tsx scripts/e2e-events.ts
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { E2E_EVENTS, E2E_EVENTS_DIR, e2eEventMdx } from '../lib/content/e2e-events';

const dir = path.join(process.cwd(), 'content', E2E_EVENTS_DIR);
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });
const today = new Date();
for (const event of Object.values(E2E_EVENTS)) {
  writeFileSync(path.join(dir, `${event.slug}.mdx`), e2eEventMdx(event, today));
}
console.log(
  `e2e events written to content/${E2E_EVENTS_DIR}/ for ${today.toISOString().slice(0, 10)}`,
);
