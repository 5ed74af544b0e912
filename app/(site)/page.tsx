import { HomePage } from '@/components/pages/HomePage';
import { getViewer } from '@/lib/auth/options';

export default async function Page() {
  return <HomePage viewer={await getViewer()} />;
}
