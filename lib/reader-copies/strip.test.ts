import { describe, expect, it } from 'vitest';
import { stripRuntime } from './strip';

// The shape of a page Next 16 prerenders: runtime chunks, their preload, the Turbopack bootstrap
// and the inline RSC payload around server-rendered HTML.
const NEXT_PAGE = [
  '<!DOCTYPE html><html lang="en"><head><meta charSet="utf-8"/>',
  '<link rel="preload" href="/_next/static/media/inter.woff2" as="font" crossorigin="" type="font/woff2"/>',
  '<link rel="stylesheet" href="/_next/static/chunks/3p1eiiox4i_wu.css" data-precedence="next"/>',
  '<link rel="preload" as="script" fetchPriority="low" href="/_next/static/chunks/310vm2bl3xxpt.js"/>',
  '<script src="/_next/static/chunks/1qhkxvx29u7za.js" async=""></script>',
  '<script src="/_next/static/chunks/0cz1d0mv5g_q7.js" noModule=""></script>',
  '<script type="application/ld+json">{"@type":"Article"}</script>',
  '<title>A guide</title></head><body><a href="/guides">Guides</a><h1>A guide</h1>',
  '<script id="_R_">(globalThis["TURBOPACK"] || (globalThis["TURBOPACK"] = [])).push({})</script>',
  '<p>Text between <b>scripts</b></p>',
  '<script>(self.__next_f=self.__next_f||[]).push([0])</script>',
  '<script>self.__next_f.push([1,"1:\\"$Sreact.fragment\\"\\n"])</script></body></html>',
].join('');

describe('stripRuntime', () => {
  it('keeps the HTML, the stylesheet, the font and data scripts, and adds only our script', () => {
    const { html, scripts, payload } = stripRuntime(NEXT_PAGE, '/_next/static/reader/e.js');
    expect(html).toBe(
      [
        '<!DOCTYPE html><html lang="en"><head><meta charSet="utf-8"/>',
        '<link rel="preload" href="/_next/static/media/inter.woff2" as="font" crossorigin="" type="font/woff2"/>',
        '<link rel="stylesheet" href="/_next/static/chunks/3p1eiiox4i_wu.css" data-precedence="next"/>',
        '<script type="application/ld+json">{"@type":"Article"}</script>',
        '<title>A guide</title><script src="/_next/static/reader/e.js" defer=""></script></head>',
        '<body><a href="/guides">Guides</a><h1>A guide</h1>',
        '<p>Text between <b>scripts</b></p></body></html>',
      ].join(''),
    );
    expect(scripts).toBe(5);
    expect(payload).toBeGreaterThan(40);
  });

  it('refuses a page without the runtime (already stripped, or not what Next writes)', () => {
    const once = stripRuntime(NEXT_PAGE, '/_next/static/reader/e.js').html;
    expect(() => stripRuntime(once, '/_next/static/reader/e.js')).toThrow(/no framework runtime/);
    expect(() => stripRuntime('<html><body>hi</body></html>', '/x.js')).toThrow(
      /no framework runtime/,
    );
  });

  it('refuses a page where a runtime reference would remain', () => {
    const odd = NEXT_PAGE.replace('<p>', '<iframe src="/_next/static/chunks/abc.js"></iframe><p>');
    expect(() => stripRuntime(odd, '/_next/static/reader/e.js')).toThrow(/still in the page/);
  });
});
