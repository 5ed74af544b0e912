// The cap on a server action's body (every form on the site posts to its page as a server action).
// Plain ES module JavaScript so that next.config.js, which Node loads as is, can import it as well as
// proxy.ts; action-body.test.ts checks it.
//
// Next enforces `serverActions.bodySizeLimit` by the bytes it reads, but answers a body over the
// limit with a 500 (Next 16.4: "TODO: … respond with a 413"). proxy.ts refuses such a post first,
// from its headers: a declared length over the cap gets 413, and a page POST without a length
// (chunked, which no browser sends for a form) gets 411. With a declared length the HTTP parser
// never hands Next more bytes than declared, so Next's own count never reaches its 500.

/** Forms post a few kilobytes: the longest field is a 5,000-character message. */
export const ACTION_BODY_LIMIT_BYTES = 64 * 1024;
/** The same cap, written the way next.config.js's serverActions.bodySizeLimit takes it. */
export const ACTION_BODY_LIMIT = `${ACTION_BODY_LIMIT_BYTES / 1024}kb`;

/**
 * Why a POST to a page (a server action) is refused before Next reads it, or null to let it
 * through: `{ status: 413 }` for a declared length over the cap, `{ status: 411 }` for no length.
 * `headers` is the request's Headers.
 */
export function actionBodyRefusal(method, headers) {
  if (method !== 'POST') return null;
  const declared = headers.get('content-length');
  if (declared === null || !/^\d+$/.test(declared.trim())) {
    return {
      status: 411,
      message: 'This form must be sent with its length (Content-Length). Please try again.',
    };
  }
  if (Number(declared) > ACTION_BODY_LIMIT_BYTES) {
    return {
      status: 413,
      message: `This form sent more than ${ACTION_BODY_LIMIT_BYTES / 1024} KB, more than any of our forms needs. Please shorten what you typed and try again.`,
    };
  }
  return null;
}
