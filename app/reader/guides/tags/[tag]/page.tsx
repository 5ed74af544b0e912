import { TagPage, type TagParams } from '@/app/_pages/guides';

export {
  tagMetadata as generateMetadata,
  tagStaticParams as generateStaticParams,
} from '@/app/_pages/guides';
export const dynamicParams = false;

export default async function Page({ params }: TagParams) {
  return <TagPage tag={(await params).tag} />;
}
