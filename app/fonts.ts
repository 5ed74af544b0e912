// One font family, the Latin subset only (French and English text), self-hosted from the
// @fontsource package: next/font/local preloads it, sets font-display: swap and derives a
// size-adjusted Arial fallback so the swap does not shift the layout. Headings use the system
// serif stack (Georgia…): a second web font cost ≈ 50 KB for the headings alone.
import localFont from 'next/font/local';

export const inter = localFont({
  src: '../node_modules/@fontsource-variable/inter/files/inter-latin-wght-normal.woff2',
  weight: '100 900',
  style: 'normal',
  display: 'swap',
  variable: '--font-inter',
  preload: true,
  adjustFontFallback: 'Arial',
});
