// `npm run content:check` for the planner's rule files (content/planner/*.yaml): the schema, the
// cross-references, and that every combination of answers reaches a route.
import YAML from 'yaml';
import { uncovered } from './rules';
import { plannerFile } from './schema';

export function checkPlannerSource(source: string): string[] {
  let data: unknown;
  try {
    data = YAML.parse(source);
  } catch (error) {
    return [`not valid YAML (${(error as Error).message.split('\n')[0]})`];
  }
  const result = plannerFile.safeParse(data);
  if (!result.success) {
    return result.error.issues.map(
      (issue) => `${issue.path.length ? issue.path.join('.') : '(file)'}: ${issue.message}`,
    );
  }
  const missing = uncovered(result.data);
  return missing.slice(0, 5).map(
    (answers) =>
      `rules: no rule matches ${Object.entries(answers)
        .map(([id, value]) => `${id}=${value}`)
        .join(', ')}${missing.length > 5 ? ` (and ${missing.length - 5} more combinations)` : ''}`,
  );
}
