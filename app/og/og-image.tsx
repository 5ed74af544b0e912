import { ImageResponse } from 'next/og';
import { site } from '@/lib/config';

export const OG_SIZE = { width: 1200, height: 630 };

/** A branded 1200×630 card: public title and summary only. */
export function ogImage({
  eyebrow,
  title,
  summary,
}: {
  eyebrow: string;
  title: string;
  summary: string;
}) {
  return new ImageResponse(
    <div
      style={{
        width: '100%',
        height: '100%',
        display: 'flex',
        flexDirection: 'column',
        justifyContent: 'space-between',
        padding: 72,
        background: 'linear-gradient(135deg, #134e4a 0%, #0f766e 100%)',
        color: 'white',
      }}
    >
      <div style={{ display: 'flex', fontSize: 32, fontWeight: 700, letterSpacing: -0.5 }}>
        {site.name}
      </div>
      <div style={{ display: 'flex', flexDirection: 'column' }}>
        <div
          style={{ display: 'flex', fontSize: 26, color: '#99f6e4', textTransform: 'uppercase' }}
        >
          {eyebrow}
        </div>
        <div
          style={{ display: 'flex', fontSize: 60, fontWeight: 700, lineHeight: 1.1, marginTop: 12 }}
        >
          {title}
        </div>
        <div
          style={{
            display: 'flex',
            fontSize: 28,
            color: '#ccfbf1',
            marginTop: 24,
            lineHeight: 1.3,
          }}
        >
          {summary}
        </div>
      </div>
      <div style={{ display: 'flex', fontSize: 24, color: '#99f6e4' }}>{site.tagline}</div>
    </div>,
    OG_SIZE,
  );
}
