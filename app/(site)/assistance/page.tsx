import type { Metadata } from 'next';
import { AssistanceView } from '@/components/views/AssistanceView';
import { audienceOf } from '@/lib/access';
import { getViewer } from '@/lib/auth/options';
import { getClubPrice } from '@/lib/billing/price';
import { pageMetadata } from '@/lib/platform/seo';

export const metadata: Metadata = pageMetadata({
  title: 'Personalised assistance',
  description:
    'Sojoourn Club members describe their situation and an advisor answers by e-mail or phone, in English or French.',
  path: '/assistance',
});

// Rendered per request for everyone (no reader copy): the form is for members only.
export default async function AssistancePage() {
  const viewer = await getViewer();
  const priceLabel = audienceOf(viewer) === 'user' ? ((await getClubPrice())?.label ?? null) : null;
  return <AssistanceView viewer={viewer} priceLabel={priceLabel} />;
}
