// Request bodies read with a cap on the bytes actually received: a chunked request carries no
// Content-Length, so the header alone proves nothing. Used by every route that reads a body.

export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`Request body larger than ${limit} bytes`);
  }
}

/**
 * Reads the whole body, stopping (and cancelling the upload) as soon as it passes `maxBytes`.
 * Throws BodyTooLargeError then; a declared Content-Length over the cap fails before reading.
 */
export async function readBodyCapped(
  request: Request,
  maxBytes: number,
): Promise<Uint8Array<ArrayBuffer>> {
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (Number.isFinite(declared) && declared > maxBytes) throw new BodyTooLargeError(maxBytes);
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => {});
      throw new BodyTooLargeError(maxBytes);
    }
    chunks.push(value);
  }
  const body = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

/** The body as UTF-8 text, capped like readBodyCapped. */
export async function readTextCapped(request: Request, maxBytes: number): Promise<string> {
  return new TextDecoder().decode(await readBodyCapped(request, maxBytes));
}

/** The answer to a body over its cap. */
export const bodyTooLargeResponse = () => new Response('Request too large', { status: 413 });

/** A plain form's fields (last value of a repeated name), capped like readBodyCapped; null when over. */
export async function readFormCapped(
  request: Request,
  maxBytes: number,
): Promise<Record<string, string> | null> {
  try {
    return Object.fromEntries(new URLSearchParams(await readTextCapped(request, maxBytes)));
  } catch (error) {
    if (error instanceof BodyTooLargeError) return null;
    throw error;
  }
}
