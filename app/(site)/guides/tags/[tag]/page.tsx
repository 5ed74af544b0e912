import { TagPage, type TagParams } from '@/app/_pages/guides';

export { tagMetadata as generateMetadata } from '@/app/_pages/guides';

export default async function Page({ params }: TagParams) {
  return <TagPage tag={(await params).tag} />;
}
