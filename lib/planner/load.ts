// Reads the planner's rule file (content/planner/carte-vitale.yaml) on the server, once.
import 'server-only';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { plannerFile, type PlannerFile } from './schema';

export const PLANNER_FILE = 'content/planner/carte-vitale.yaml';

let cached: PlannerFile | undefined;

export function parsePlanner(source: string): ReturnType<typeof plannerFile.safeParse> {
  return plannerFile.safeParse(YAML.parse(source));
}

export function loadPlanner(): PlannerFile {
  if (cached) return cached;
  // A literal path, so the build traces this one file and not the whole project.
  const file = path.join(process.cwd(), 'content', 'planner', 'carte-vitale.yaml');
  const result = parsePlanner(readFileSync(file, 'utf8'));
  if (!result.success) {
    throw new Error(
      `${PLANNER_FILE} is invalid; run npm run content:check (${result.error.message})`,
    );
  }
  cached = result.data;
  return cached;
}
