// What a reader's prerendered copy loses after `next build` (scripts/reader-copies.ts): Next's
// runtime scripts, their preloads and the inline RSC payload (`self.__next_f.push`), which repeats
// the whole page for React. What stays is the HTML Next rendered, byte for byte, plus one small
// script of ours (lib/enhance/reader-entry.ts). Readers' links are plain <a href>s, so each one is
// a full page load of another such copy (or, signed in, of the full app): nothing asks for RSC data.
// Pure text in, text out; it throws when the page does not look like what Next writes today, so a
// change in Next's output fails the build instead of shipping a page that half-works.

// Plain ES module JavaScript (with strip.d.ts) so that the cache handler Next loads as is at run time
// (cache-handler.js) uses the same code as the build step.

/** Next's runtime scripts (its stylesheets live in the same folder and stay). */
export const RUNTIME_SCRIPT = /\/_next\/static\/chunks\/[^"'\s]*\.js/;

/** Where the readers' script is written, under the build's static files (served as /_next/static/…). */
export const READER_SCRIPT_DIR = 'static/reader';

const SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script>/g;
const LINK = /<link\b[^>]*>/g;

/** A script that is data, not code (JSON-LD): kept. */
const isData = (/** @type {string} */ attributes) =>
  /\btype="application\/(?:ld\+)?json"/.test(attributes);

/**
 * `html` without the framework's scripts and payload, with `<script src={scriptSrc} defer>` at
 * the end of <head>. Throws if the page has no runtime to strip (already stripped, or Next changed
 * its output) or if anything of it would remain.
 * @param {string} html
 * @param {string} scriptSrc
 * @returns {{ html: string; scripts: number; payload: number }}
 */
export function stripRuntime(html, scriptSrc) {
  if (!RUNTIME_SCRIPT.test(html) || !html.includes('self.__next_f')) {
    throw new Error(
      'no framework runtime found: not a page Next prerendered (or already stripped)',
    );
  }
  if (!html.includes('</head>') || !html.includes('</body>')) {
    throw new Error('no </head> or </body>: not a whole HTML document');
  }
  let scripts = 0;
  let payload = 0;
  let out = html.replace(
    SCRIPT,
    (element, /** @type {string} */ attributes, /** @type {string} */ body) => {
      if (isData(attributes)) return element;
      scripts += 1;
      if (body.includes('__next_f')) payload += body.length;
      return '';
    },
  );
  // Preloads of the scripts just removed (the stylesheet's and the font's stay).
  out = out.replace(LINK, (link) => (RUNTIME_SCRIPT.test(link) ? '' : link));
  const leftover = [RUNTIME_SCRIPT.exec(out)?.[0], '__next_f', 'TURBOPACK'].find(
    (mark) => mark && out.includes(mark),
  );
  if (leftover) throw new Error(`"${leftover}" is still in the page after stripping`);
  out = out.replace('</head>', `<script src="${scriptSrc}" defer=""></script></head>`);
  return { html: out, scripts, payload };
}
