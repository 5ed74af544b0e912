import Link from 'next/link';
import { getMDXComponent } from 'next-contentlayer2/hooks';
import type { ComponentProps, ComponentType } from 'react';
import type { Viewer } from '@/lib/access';
import type { MdxComponentName } from '@/lib/content/components';
import { Callout } from './Callout';
import { Check, Checklist } from './Checklist';
import { MembersOnly, type MembersOnlyProps } from './MembersOnly';
import { Step, Timeline } from './Timeline';

// Compiling the MDX function is the costly part; the code string is its identity.
const compiled = new Map<string, ReturnType<typeof getMDXComponent>>();
function componentFor(code: string) {
  let component = compiled.get(code);
  if (!component) {
    component = getMDXComponent(code);
    compiled.set(code, component);
  }
  return component;
}

function MdxLink({ href = '', children, ...rest }: ComponentProps<'a'>) {
  if (href.startsWith('/') || href.startsWith('#')) {
    return (
      <Link href={href} prefetch={false} {...rest}>
        {children}
      </Link>
    );
  }
  return (
    <a href={href} rel="noopener noreferrer" {...rest}>
      {children}
    </a>
  );
}

/**
 * What MDX may use, bound to this request's viewer: one entry per component of the registry
 * (lib/content/components.ts — a name added there and not here fails the type check), plus links.
 */
export function mdxComponents({
  viewer,
  pagePath,
  priceLabel,
}: {
  viewer: Viewer;
  pagePath: string;
  priceLabel?: string | null;
}) {
  // Each component takes its own props; the map is only read by name.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a map of differently-typed components
  const registered: Record<MdxComponentName, ComponentType<any>> = {
    Callout,
    Check,
    Checklist,
    Step,
    Timeline,
    MembersOnly: (props: MembersOnlyProps) => (
      <MembersOnly {...props} viewer={viewer} pagePath={pagePath} priceLabel={priceLabel} />
    ),
  };
  return { a: MdxLink, ...registered };
}

/**
 * Renders compiled MDX on the server. `MembersOnly` is bound to this request's viewer here, so
 * the gate is decided where the text lives and never in the browser.
 */
export function MdxContent({
  code,
  viewer,
  pagePath,
  priceLabel,
}: {
  code: string;
  viewer: Viewer;
  pagePath: string;
  priceLabel?: string | null;
}) {
  const Content = componentFor(code);
  const components = mdxComponents({ viewer, pagePath, priceLabel });
  if (process.env.NODE_ENV === 'development') {
    // MDX looks its components up before rendering anything, so a name that is not in the map
    // (<Note>) throws here. In development say so on the page instead of answering 500; the banner
    // above names the file and line (content:check). A build refuses such a file.
    try {
      return Content({ components });
    } catch (error) {
      return (
        <p
          role="alert"
          data-testid="mdx-render-problem"
          className="not-prose rounded-lg border-2 border-red-600 bg-red-50 p-4 text-red-950"
        >
          This text could not be shown: {(error as Error).message.split(':')[0]}. Run{' '}
          <code>npm run content:check</code> for the file and line.
        </p>
      );
    }
  }
  return (
    // Not created per render: componentFor() returns one cached component per document, and this
    // is a server component (no state to reset).
    // eslint-disable-next-line react-hooks/static-components
    <Content components={components} />
  );
}
