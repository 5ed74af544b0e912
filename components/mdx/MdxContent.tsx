import Link from 'next/link';
import { getMDXComponent } from 'next-contentlayer2/hooks';
import type { ComponentProps } from 'react';
import type { Viewer } from '@/lib/access';
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
  return (
    // Not created per render: componentFor() returns one cached component per document, and this
    // is a server component (no state to reset).
    // eslint-disable-next-line react-hooks/static-components
    <Content
      components={{
        a: MdxLink,
        Callout,
        Check,
        Checklist,
        Step,
        Timeline,
        MembersOnly: (props: MembersOnlyProps) => (
          <MembersOnly {...props} viewer={viewer} pagePath={pagePath} priceLabel={priceLabel} />
        ),
      }}
    />
  );
}
