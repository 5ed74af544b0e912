import { HomePage } from '@/app/_pages/guides';
import { getViewer } from '@/lib/auth/options';

export default async function Page() {
  return <HomePage viewer={await getViewer()} />;
}
