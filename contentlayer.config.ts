// How staff's MDX becomes typed data. Field rules live in lib/content-schema.ts (zod), which the
// build runs first via `npm run content:check`; here contentlayer is told to fail on anything off too.
import { defineDocumentType, defineNestedType, makeSource } from 'contentlayer2/source-files';
import readingTime from 'reading-time';
import rehypeAutolinkHeadings from 'rehype-autolink-headings';
import rehypeSlug from 'rehype-slug';
import remarkGfm from 'remark-gfm';
import { E2E_EVENTS_DIR, includesE2eEvents } from '@/lib/content/e2e-events';
import { extractToc } from '@/lib/content/headings';

const OfficialLink = defineNestedType(() => ({
  name: 'OfficialLink',
  fields: {
    label: { type: 'string', required: true },
    url: { type: 'string', required: true },
  },
}));

// A change staff describe in a guide's frontmatter (issue 23's "What changed"); rules in lib/content/schema.ts.
const GuideChange = defineNestedType(() => ({
  name: 'GuideChange',
  fields: {
    date: { type: 'date', required: true },
    summary: { type: 'string', required: true },
    members: { type: 'boolean', default: false },
  },
}));

const slugOf = (flattenedPath: string) => flattenedPath.split('/').pop() ?? flattenedPath;

export const Guide = defineDocumentType(() => ({
  name: 'Guide',
  filePathPattern: 'guides/**/*.mdx',
  contentType: 'mdx',
  fields: {
    title: { type: 'string', required: true },
    summary: { type: 'string', required: true },
    publishedAt: { type: 'date', required: true },
    updatedAt: { type: 'date', required: false },
    reviewedAt: { type: 'date', required: true },
    tags: { type: 'list', of: { type: 'string' }, required: true },
    // No default: a missing value stays missing, and lib/content serves it as members' (fail closed).
    access: { type: 'enum', options: ['public', 'members'] },
    draft: { type: 'boolean', default: false },
    featured: { type: 'boolean', default: false },
    officialLinks: { type: 'list', of: OfficialLink, required: true },
    changes: { type: 'list', of: GuideChange, required: false },
  },
  computedFields: {
    slug: { type: 'string', resolve: (doc) => slugOf(doc._raw.flattenedPath) },
    url: { type: 'string', resolve: (doc) => `/guides/${slugOf(doc._raw.flattenedPath)}` },
    readingMinutes: {
      type: 'number',
      resolve: (doc) => Math.max(1, Math.round(readingTime(doc.body.raw).minutes)),
    },
    toc: { type: 'json', resolve: (doc) => extractToc(doc.body.raw) },
  },
}));

export const SitePage = defineDocumentType(() => ({
  name: 'SitePage',
  filePathPattern: 'pages/**/*.mdx',
  contentType: 'mdx',
  fields: {
    title: { type: 'string', required: true },
    summary: { type: 'string', required: true },
    updatedAt: { type: 'date', required: true },
  },
  computedFields: {
    slug: { type: 'string', resolve: (doc) => slugOf(doc._raw.flattenedPath) },
  },
}));

export const ClubEvent = defineDocumentType(() => ({
  name: 'ClubEvent',
  filePathPattern: 'events/**/*.mdx',
  contentType: 'mdx',
  fields: {
    title: { type: 'string', required: true },
    summary: { type: 'string', required: true },
    startsAt: { type: 'string', required: true },
    endsAt: { type: 'string', required: true },
    timezone: { type: 'string', required: true },
    city: { type: 'string', required: true },
    capacity: { type: 'number', required: false },
    access: { type: 'enum', options: ['public', 'members'] },
    example: { type: 'boolean', default: false },
    draft: { type: 'boolean', default: false },
  },
  computedFields: {
    slug: { type: 'string', resolve: (doc) => slugOf(doc._raw.flattenedPath) },
  },
}));

// A partner's offer for members (content/offers/*.mdx): everything in it, code included, is
// members' text. Read only through lib/offers after lib/access says yes; never listed publicly.
export const PartnerOffer = defineDocumentType(() => ({
  name: 'PartnerOffer',
  filePathPattern: 'offers/**/*.mdx',
  contentType: 'mdx',
  fields: {
    partner: { type: 'string', required: true },
    title: { type: 'string', required: true },
    code: { type: 'string', required: true },
    url: { type: 'string', required: true },
    validUntil: { type: 'date', required: false },
    draft: { type: 'boolean', default: false },
  },
  computedFields: {
    slug: { type: 'string', resolve: (doc) => slugOf(doc._raw.flattenedPath) },
  },
}));

export default makeSource({
  contentDirPath: 'content',
  // The planner's rules are YAML data read by lib/planner, not documents. The e2e suite's own
  // events (scripts/e2e-events.ts) are built only for the suite (E2E_EVENT_FIXTURES=1).
  contentDirExclude: ['planner', ...(includesE2eEvents() ? [] : [E2E_EVENTS_DIR])],
  documentTypes: [Guide, SitePage, ClubEvent, PartnerOffer],
  onUnknownDocuments: 'fail',
  onExtraFieldData: 'fail',
  onMissingOrIncompatibleData: 'fail',
  disableImportAliasWarning: true,
  mdx: {
    remarkPlugins: [remarkGfm],
    rehypePlugins: [
      rehypeSlug,
      [rehypeAutolinkHeadings, { behavior: 'wrap', properties: { className: ['heading-anchor'] } }],
    ],
  },
});
