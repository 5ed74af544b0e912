import { NotFoundPage } from '@/components/pages/NotFoundPage';

// Inside this segment's layout, which already draws the header and footer.
export default function NotFound() {
  return <NotFoundPage />;
}
