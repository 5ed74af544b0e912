import { SearchPage } from '@/components/pages/SearchPage';
import { pageMetadata } from '@/lib/platform/seo';

export const metadata = pageMetadata({
  title: 'Search the guides',
  description: 'Search every public Sojoourn guide to French administration.',
  path: '/search',
});

export default function Page() {
  return <SearchPage />;
}
