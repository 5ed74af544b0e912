import { SearchView } from '@/components/views/SearchView';
import { pageMetadata } from '@/lib/seo';

export const metadata = pageMetadata({
  title: 'Search the guides',
  description: 'Search every public Sojoourn guide to French administration.',
  path: '/search',
});

export default function Page() {
  return <SearchView />;
}
