// One example of the publishing handbook (/admin/handbook), rendered live: its MDX source is
// compiled here, on the server, with the pipeline the guides use (MDX + remark-gfm) and rendered
// with the guide page's own components, bound to the viewer given.
import { evaluate } from '@mdx-js/mdx';
import type { ComponentType } from 'react';
import * as runtime from 'react/jsx-runtime';
import remarkGfm from 'remark-gfm';
import { MembersOnly, type MembersOnlyProps } from '@/components/mdx/MembersOnly';
import { mdxComponents } from '@/components/mdx/MdxContent';
import type { Viewer } from '@/lib/access';

type MdxBody = ComponentType<{ components?: ReturnType<typeof mdxComponents> }>;

// The examples are a fixed list: each is compiled once per server.
const compiled = new Map<string, Promise<MdxBody>>();
function bodyOf(source: string): Promise<MdxBody> {
  let body = compiled.get(source);
  if (!body) {
    body = evaluate(source, { ...runtime, remarkPlugins: [remarkGfm] }).then(
      (module) => module.default as MdxBody,
    );
    compiled.set(source, body);
  }
  return body;
}

export const HANDBOOK_PATH = '/admin/handbook';

/**
 * Renders `source` as `viewer` would see it in a guide. `idSuffix` keeps the ids of a section shown
 * twice on the page (as a member, as a reader) apart.
 */
export async function LiveExample({
  source,
  viewer,
  idSuffix,
}: {
  source: string;
  viewer: Viewer;
  idSuffix: string;
}) {
  const Body = await bodyOf(source);
  const components = {
    ...mdxComponents({ viewer, pagePath: HANDBOOK_PATH }),
    MembersOnly: (props: MembersOnlyProps) => (
      <MembersOnly
        {...props}
        id={`${props.id}-${idSuffix}`}
        viewer={viewer}
        pagePath={HANDBOOK_PATH}
      />
    ),
  };
  return (
    <div className="prose prose-slate max-w-none rounded-xl border border-dashed border-slate-300 px-5 py-1 prose-headings:font-serif prose-a:text-brand-700 dark:prose-invert dark:border-slate-600 dark:prose-a:text-brand-100">
      <Body components={components} />
    </div>
  );
}
