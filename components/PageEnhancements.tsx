'use client';
// The full app's way into lib/enhance/page-enhancements.ts, the same code readers' prerendered
// copies load as a plain script: run once the page is shown and again after each client
// navigation (the new page has its own contents, checklists and counts). Renders nothing.
import { usePathname } from 'next/navigation';
import { useEffect } from 'react';
import { enhancePage } from '@/lib/enhance/page-enhancements';

export function PageEnhancements() {
  const pathname = usePathname();
  useEffect(() => enhancePage(document), [pathname]);
  return null;
}
