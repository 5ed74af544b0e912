// One branded layout for every e-mail, as HTML and plain text. Everything interpolated is escaped:
// a visitor's message can never become markup in a staff inbox.
import { site } from '../config';

export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

export interface EmailContent {
  preheader?: string;
  heading: string;
  paragraphs: string[];
  /** Label/value rows, e.g. the fields of a request. */
  details?: { label: string; value: string }[];
  button?: { label: string; url: string };
  footnote?: string;
}

export function renderEmail(content: EmailContent): { html: string; text: string } {
  const paragraphsHtml = content.paragraphs
    .map(
      (p) =>
        `<p style="margin:0 0 16px;line-height:1.6">${escapeHtml(p).replace(/\n/g, '<br>')}</p>`,
    )
    .join('');
  const detailsHtml = content.details?.length
    ? `<table role="presentation" style="width:100%;border-collapse:collapse;margin:0 0 16px">${content.details
        .map(
          (row) =>
            `<tr><th align="left" style="vertical-align:top;padding:6px 12px 6px 0;color:#475569;font-weight:600;white-space:nowrap">${escapeHtml(row.label)}</th><td style="padding:6px 0;white-space:pre-wrap">${escapeHtml(row.value)}</td></tr>`,
        )
        .join('')}</table>`
    : '';
  const buttonHtml = content.button
    ? `<p style="margin:24px 0"><a href="${escapeHtml(content.button.url)}" style="background:#0f766e;color:#ffffff;padding:12px 20px;border-radius:8px;text-decoration:none;font-weight:600;display:inline-block">${escapeHtml(content.button.label)}</a></p><p style="margin:0 0 16px;font-size:13px;color:#475569">Or paste this address into your browser:<br>${escapeHtml(content.button.url)}</p>`
    : '';
  const footnoteHtml = content.footnote
    ? `<p style="margin:24px 0 0;font-size:13px;color:#64748b">${escapeHtml(content.footnote)}</p>`
    : '';
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(content.heading)}</title></head>
<body style="margin:0;background:#f1f5f9;font-family:-apple-system,Segoe UI,Roboto,Helvetica,Arial,sans-serif;color:#0f172a">
${content.preheader ? `<div style="display:none;max-height:0;overflow:hidden">${escapeHtml(content.preheader)}</div>` : ''}
<table role="presentation" width="100%" style="padding:24px 12px"><tr><td align="center">
<table role="presentation" width="100%" style="max-width:560px;background:#ffffff;border-radius:12px;padding:32px">
<tr><td>
<p style="margin:0 0 24px;font-size:20px;font-weight:700;color:#0f766e">${escapeHtml(site.name)}</p>
<h1 style="margin:0 0 16px;font-size:22px">${escapeHtml(content.heading)}</h1>
${paragraphsHtml}${detailsHtml}${buttonHtml}${footnoteHtml}
</td></tr></table>
<p style="font-size:12px;color:#64748b;margin:16px 0 0">${escapeHtml(site.name)} — ${escapeHtml(site.tagline)}</p>
</td></tr></table></body></html>`;

  const text = [
    content.heading,
    '',
    ...content.paragraphs.flatMap((p) => [p, '']),
    ...(content.details?.length
      ? [...content.details.map((row) => `${row.label}: ${row.value}`), '']
      : []),
    ...(content.button ? [`${content.button.label}: ${content.button.url}`, ''] : []),
    ...(content.footnote ? [content.footnote, ''] : []),
    `— ${site.name}`,
  ].join('\n');
  return { html, text };
}
