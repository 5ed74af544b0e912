// The MDX half of `npm run content:check`: parses a file's body with the pipeline contentlayer
// builds it with (MDX 3 + remark-gfm) and checks every component against the registry
// (lib/content/components.ts). Every position it reports is a line of the FILE: the frontmatter is
// kept as blank lines, so MDX counts from the top of the file, in its own messages too.
import { createProcessor } from '@mdx-js/mdx';
import remarkGfm from 'remark-gfm';
import {
  MDX_COMPONENT_NAMES,
  mdxComponentSpec,
  propValueProblem,
  type MdxComponentSpec,
} from './components';

const FRONTMATTER = /^---\r?\n[\s\S]*?\r?\n---[^\n]*(?:\n|$)/;

/** The body of an MDX file with its frontmatter turned into as many empty lines. */
export function bodyOnFileLines(source: string): string {
  const front = FRONTMATTER.exec(source)?.[0] ?? '';
  return front.replace(/[^\n]/g, '') + source.slice(front.length);
}

// The processor is reusable: parsing holds no state between files.
const processor = createProcessor({ remarkPlugins: [remarkGfm] });

/** The parts of an mdast node this check reads (mdast-util-mdx's types, without importing them). */
interface MdxNode {
  type: string;
  name?: string | null;
  value?: unknown;
  attributes?: { type: string; name?: string; value?: unknown }[];
  children?: MdxNode[];
  position?: { start: { line: number; column: number } };
}

const isJsx = (node: MdxNode) =>
  node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement';
const isBlankText = (node: MdxNode) =>
  node.type === 'text' && typeof node.value === 'string' && !node.value.trim();

/**
 * The items directly inside a component, as MDX renders them: a paragraph holding only components
 * and spaces is unwrapped (a `<Step …>…</Step>` written on one line sits in one).
 */
function itemsOf(node: MdxNode): MdxNode[] {
  return (node.children ?? []).flatMap((child) =>
    child.type === 'paragraph' && (child.children ?? []).every((c) => isJsx(c) || isBlankText(c))
      ? (child.children ?? []).filter((c) => !isBlankText(c))
      : [child],
  );
}

const NAMES = MDX_COMPONENT_NAMES.join(', ');

function checkElement(
  node: MdxNode,
  spec: MdxComponentSpec,
  parent: string | null,
  seenIds: Map<string, Set<string>>,
): { line: number; problem: string }[] {
  const at = node.position?.start.line ?? 0;
  const found: { line: number; problem: string }[] = [];
  const problems = { push: (problem: string) => found.push({ line: at, problem }) };
  const tag = `<${spec.name}>`;
  if (spec.inside && parent !== spec.inside) {
    problems.push(`${tag} must be inside a <${spec.inside}>`);
  }
  const allowed = spec.props.map((prop) => prop.name);
  const written = new Set<string>();
  for (const attribute of node.attributes ?? []) {
    if (attribute.type !== 'mdxJsxAttribute' || !attribute.name) {
      problems.push(`${tag}: write each prop as name="value" (found {…})`);
      continue;
    }
    const prop = spec.props.find((p) => p.name === attribute.name);
    if (!prop) {
      problems.push(
        allowed.length
          ? `${tag} has no prop "${attribute.name}"; its props are: ${allowed.join(', ')}`
          : `${tag} takes no props (found "${attribute.name}")`,
      );
      continue;
    }
    written.add(prop.name);
    if (typeof attribute.value !== 'string') {
      problems.push(
        `${tag} ${prop.name} needs a value in double quotes: ${prop.name}="${prop.values?.[0] ?? '…'}"`,
      );
      continue;
    }
    const problem = propValueProblem(prop, attribute.value);
    if (problem) {
      problems.push(`${tag} ${problem}`);
    } else if (prop.name === 'id') {
      const ids = seenIds.get(spec.name) ?? new Set<string>();
      if (ids.has(attribute.value)) problems.push(`${tag} id "${attribute.value}" is used twice`);
      ids.add(attribute.value);
      seenIds.set(spec.name, ids);
    }
  }
  for (const prop of spec.props) {
    if (prop.required && !written.has(prop.name)) {
      problems.push(`${tag} needs ${prop.name}="…" (${prop.about})`);
    }
  }
  if (spec.items) {
    for (const item of itemsOf(node)) {
      if (isJsx(item) && item.name === spec.items) continue;
      found.push({
        line: item.position?.start.line ?? at,
        problem: `${tag} holds only <${spec.items}> items; move this into a <${spec.items}>`,
      });
    }
  }
  return found;
}

/** Where an MDX error is: its own position, or the first "(line:column-…)" in its words. */
function errorPlace(error: { line?: number; column?: number; reason?: string; message?: string }) {
  if (error.line) return { line: error.line, column: error.column };
  const match = /\((\d+):(\d+)-\d+:\d+\)/.exec(error.reason ?? error.message ?? '');
  return match ? { line: Number(match[1]), column: Number(match[2]) } : null;
}

/**
 * Every MDX problem of one file (its whole source, frontmatter included): a syntax error, or each
 * component, prop or value the registry does not allow; "line N: …", N a line of the file.
 */
export function checkMdx(source: string): string[] {
  let tree: MdxNode;
  try {
    tree = processor.parse(bodyOnFileLines(source)) as MdxNode;
  } catch (error) {
    const failure = error as { line?: number; column?: number; reason?: string; message?: string };
    const place = errorPlace(failure);
    const where = place
      ? `line ${place.line}${place.column ? `, column ${place.column}` : ''}`
      : 'MDX';
    return [`${where}: ${failure.reason ?? failure.message ?? String(error)}`];
  }
  const problems: string[] = [];
  const seenIds = new Map<string, Set<string>>();
  const visit = (node: MdxNode, parent: string | null) => {
    const line = node.position?.start.line ?? 0;
    let inside = parent;
    if (node.type === 'mdxjsEsm') {
      problems.push(
        `line ${line}: import and export lines are not allowed; the components (${NAMES}) need no import`,
      );
    } else if (isJsx(node) && node.name) {
      const spec = mdxComponentSpec(node.name);
      if (spec) {
        for (const found of checkElement(node, spec, parent, seenIds)) {
          problems.push(`line ${found.line}: ${found.problem}`);
        }
      } else if (!/^[a-z][a-z0-9]*$/.test(node.name)) {
        // Lowercase names are HTML (<sup>, <br />); anything else must be one of ours.
        problems.push(`line ${line}: <${node.name}> is not a component; use one of: ${NAMES}`);
      }
      inside = node.name;
    }
    for (const child of node.children ?? []) visit(child, inside);
  };
  visit(tree, null);
  return problems;
}
