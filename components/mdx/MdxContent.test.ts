// The guide page's renderer: in development a component that does not exist (<Note>) shows a
// notice instead of answering 500; in production it still fails (the build refuses such a file).
import { bundleMDX } from 'mdx-bundler';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { READER } from '@/lib/access';
import { MdxContent } from './MdxContent';

async function render(source: string): Promise<string> {
  const { code } = await bundleMDX({ source });
  return renderToStaticMarkup(
    createElement(MdxContent, { code, viewer: READER, pagePath: '/guides/example' }),
  );
}

describe('MdxContent', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('renders the registry’s components', async () => {
    vi.stubEnv('NODE_ENV', 'production');
    const html = await render('<Callout kind="tip">Keep a copy.</Callout>\n');
    expect(html).toContain('Keep a copy.');
    expect(html).toContain('aria-label="Tip"');
  });

  it('in development, names an unknown component on the page instead of failing', async () => {
    vi.stubEnv('NODE_ENV', 'development');
    const html = await render('Intro.\n\n<Note>x</Note>\n');
    expect(html).toContain('data-testid="mdx-render-problem"');
    expect(html).toContain('Expected component `Note` to be defined');
    expect(html).toContain('npm run content:check');
  });

  it('in production, still fails on an unknown component', async () => {
    vi.stubEnv('NODE_ENV', 'production');
    await expect(render('<Note>x</Note>\n')).rejects.toThrow(/Note/);
  });
});
