import { GuidesIndexPage, guidesIndexMetadata } from '@/app/_pages/guides';

export const metadata = guidesIndexMetadata;

export default function Page() {
  return <GuidesIndexPage />;
}
