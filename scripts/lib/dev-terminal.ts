// What `npm run dev` (scripts/dev.ts) prints, decided line by line: contentlayer's output without
// what says nothing to a person writing a guide, Next's banner with the one address people use,
// and the notes that say what is a stand-in in development.
import { PARTNER_URL_PLACEHOLDER } from '../../lib/platform/env-variables';

/**
 * Lines of contentlayer's output that say nothing to a person writing a guide: its "possibly a bug
 * in Contentlayer, please open an issue" for every MDX syntax error, its internal error objects,
 * the bundler's temporary file names and code frames.
 */
const CONTENTLAYER_NOISE =
  /possibly a bug in Contentlayer|Please open an issue|_mdx_bundler_entry_point|UnexpectedMDXError|Cannot process MDX file with esbuild|\[plugin:? @mdx-js\/esbuild\]|SourceFetchDataError|HandledFetchDataError|^\s*[{}]\s*$|^\s*\d+\s*│|^\s*╵|^\s*$/;
/** Where contentlayer's own problem report starts ("Error: Found 1 problems in 14 documents."). */
const CONTENTLAYER_REPORT = /Found \d+ problems? in \d+ documents?/;
/** The report's own lines: indented, or its tree ("└── Missing required fields…"). */
const REPORT_LINE = /^(?:\s|└)/;

const withoutColours = (line: string) => line.replace(/\u001b\[[0-9;]*m/g, '');

/**
 * A filter for one contentlayer output stream: true for a line to print. Contentlayer's problem
 * report is dropped whole: the project's check (scripts/content-check.ts) reports the same problems
 * right after, naming the file, the field or the line in plain words, and its report must be what
 * people read first.
 */
export function contentlayerLineFilter(): (line: string) => boolean {
  let inReport = false;
  return (raw) => {
    const line = withoutColours(raw);
    if (CONTENTLAYER_REPORT.test(line)) {
      inReport = true;
      return false;
    }
    if (inReport && (REPORT_LINE.test(line) || line.trim() === '')) return false;
    inReport = false;
    return !CONTENTLAYER_NOISE.test(line);
  };
}

/**
 * Next's banner line with the address people should open. `next dev -H 127.0.0.1` says
 * "Local: http://127.0.0.1:3000", while sign-in links and NEXTAUTH_URL say localhost: a session made
 * on one is not sent to the other, so the terminal names one address only, `siteUrl`'s.
 */
export function nextLineWithSiteAddress(line: string, listenUrl: string, siteUrl: string): string {
  return line.split(listenUrl).join(siteUrl);
}

/** The development notes about the partner link: one line when it is the placeholder. */
export function partnerNote(env: Record<string, string | undefined>): string | null {
  const url = env.PARTIRASSUR_URL?.trim();
  if (url && url !== PARTNER_URL_PLACEHOLDER) return null;
  return (
    `🤝 Partner link: /go/partirassur leads to the placeholder ${PARTNER_URL_PLACEHOLDER} ` +
    '(a site that does not exist); set PARTIRASSUR_URL to try the real one.'
  );
}
