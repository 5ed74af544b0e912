import './globals.css';
import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import { DevContentProblems } from '@/components/DevContentProblems';
import { site } from '@/lib/config';
import { siteUrl } from '@/lib/platform/site-url';
import { inter } from './fonts';

export const metadata: Metadata = {
  metadataBase: new URL(siteUrl()),
  title: { default: `${site.name} — ${site.tagline}`, template: `%s · ${site.name}` },
  description: site.description,
  applicationName: site.name,
  alternates: {
    types: { 'application/rss+xml': [{ url: '/feed.xml', title: `${site.name} guides` }] },
  },
};

export const viewport: Viewport = {
  themeColor: [
    { media: '(prefers-color-scheme: light)', color: '#ffffff' },
    { media: '(prefers-color-scheme: dark)', color: '#020617' },
  ],
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en" className={inter.variable}>
      <body className="font-sans">
        <DevContentProblems />
        {children}
      </body>
    </html>
  );
}
