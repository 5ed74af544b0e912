import type { MetadataRoute } from 'next';
import { absoluteUrl } from '@/lib/platform/site-url';

export default function robots(): MetadataRoute.Robots {
  return {
    rules: [
      {
        userAgent: '*',
        allow: '/',
        disallow: [
          '/api/',
          '/account',
          '/admin',
          '/signin',
          '/signout',
          '/go/',
          '/reader/',
          '/club/join',
          '/club/welcome',
        ],
      },
    ],
    sitemap: absoluteUrl('/sitemap.xml'),
  };
}
