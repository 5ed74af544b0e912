// The first hour's terminal (issue 26): what `npm run dev` shows of contentlayer and Next, the one
// address it names, the partner placeholder said aloud, and no server action's arguments printed.
import { PHASE_DEVELOPMENT_SERVER, PHASE_PRODUCTION_BUILD } from 'next/constants.js';
import { describe, expect, it } from 'vitest';
import type { NextConfig } from 'next';
import { contentlayerLineFilter, nextLineWithSiteAddress, partnerNote } from './lib/dev-terminal';

/** What `contentlayer2 build` printed for a guide with an unclosed `{` (captured, colours off). */
const MDX_ERROR_OUTPUT = `✘ [ERROR] Cannot process MDX file with esbuild:
  11:31: Unexpected end of file in expression, expected a corresponding closing brace for \`{\` [plugin @mdx-js/esbuild]

    _mdx_bundler_entry_point-cb6949cb-ebb6-4ff3-8ab0-f53987d282c3.mdx:11:30:
      11 │ Hello <Note>x</Note> and {oops
         ╵                               ^

Error: Found 1 problems in 14 documents.

 └── Encountered unexpected errors while processing of 1 documents. This is possibly a bug in Contentlayer. Please open an issue.
     
     • "guides/broken.mdx": UnexpectedMDXError: Error: Build failed with 1 error:
     _mdx_bundler_entry_point-cb6949cb-ebb6-4ff3-8ab0-f53987d282c3.mdx:11:30: ERROR: [plugin: @mdx-js/esbuild] Cannot process MDX file with esbuild:
       11:31: Unexpected end of file in expression, expected a corresponding closing brace for \`{\`
     
Generated 13 documents in .contentlayer`;

/** And for a guide without its title. */
const MISSING_FIELD_OUTPUT = `Error: Found 1 problems in 14 documents.

 └── Missing required fields for 1 documents.
     
     • "guides/broken.mdx" (of type "Guide") is missing the following required fields:
       • title: string
     

Generated 13 documents in .contentlayer`;

const shown = (output: string) => output.split('\n').filter(contentlayerLineFilter());

describe("contentlayer's output in npm run dev", () => {
  it('leaves out its own problem report: the project check reports the problem in plain words', () => {
    expect(shown(MDX_ERROR_OUTPUT)).toEqual(['Generated 13 documents in .contentlayer']);
    expect(shown(MISSING_FIELD_OUTPUT)).toEqual(['Generated 13 documents in .contentlayer']);
  });

  it('keeps what it says when all is well', () => {
    expect(shown('Generated 14 documents in .contentlayer')).toEqual([
      'Generated 14 documents in .contentlayer',
    ]);
  });
});

describe("Next's banner in npm run dev", () => {
  it('names the address people open, the one sign-in links use', () => {
    expect(
      nextLineWithSiteAddress(
        '   - Local:         http://127.0.0.1:3000',
        'http://127.0.0.1:3000',
        'http://localhost:3000',
      ),
    ).toBe('   - Local:         http://localhost:3000');
    expect(
      nextLineWithSiteAddress(' ✓ Ready in 2.1s', 'http://127.0.0.1:3000', 'http://localhost:3000'),
    ).toBe(' ✓ Ready in 2.1s');
  });
});

describe('the partner link in development', () => {
  it('says when /go/partirassur leads to the placeholder', () => {
    expect(partnerNote({})).toMatch(
      /placeholder https:\/\/partirassur\.example\/.*PARTIRASSUR_URL/,
    );
    expect(partnerNote({ PARTIRASSUR_URL: 'https://partirassur.example/' })).not.toBeNull();
    expect(partnerNote({ PARTIRASSUR_URL: 'https://www.partirassur.com/' })).toBeNull();
  });
});

/** next.config.js, typed here: it is plain JavaScript with JSDoc types that tsc does not read. */
const CONFIG_FILE = '../next.config.js';
const loadNextConfig = async () =>
  ((await import(CONFIG_FILE)) as { default: (phase: string) => NextConfig }).default;

describe('next.config.js', () => {
  it("never prints a server action's arguments (form tokens, what people typed)", async () => {
    const nextConfig = await loadNextConfig();
    for (const phase of [PHASE_DEVELOPMENT_SERVER, PHASE_PRODUCTION_BUILD]) {
      const logging = nextConfig(phase).logging;
      expect(logging && logging.serverFunctions).toBe(false);
    }
  });
});
