// Route plumbing for /partners/partirassur: the per-viewer page and its prerendered reader copy.
import type { Metadata } from 'next';
import { pageMetadata } from '@/lib/platform/seo';

export const partirAssurMetadata: Metadata = pageMetadata({
  title: 'Health insurance for stays in France of less than 3 months',
  description:
    'Staying in France for less than 3 months? What covers you (EHIC, GHIC or private insurance), the Schengen visa insurance rule, and our insurance partner PartirAssur.',
  path: '/partners/partirassur',
});
