import { describe, expect, it } from 'vitest';
import { BodyTooLargeError, readBodyCapped, readFormCapped, readTextCapped } from './request-body';

/** A chunked upload: a stream of `chunks` pieces of `size` bytes, no Content-Length. */
function chunked(chunks: number, size: number) {
  let sent = 0;
  let cancelled = false;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent++ >= chunks) controller.close();
      else controller.enqueue(new Uint8Array(size).fill(120));
    },
    cancel() {
      cancelled = true;
    },
  });
  const request = new Request('http://127.0.0.1/x', {
    method: 'POST',
    body,
    // @ts-expect-error Node's fetch needs `duplex` for a streamed body; the DOM types lack it.
    duplex: 'half',
  });
  return { request, wasCancelled: () => cancelled, pulled: () => sent };
}

describe('readBodyCapped', () => {
  it('refuses a chunked body past the cap by the bytes read, and stops reading', async () => {
    const upload = chunked(1000, 1024);
    expect(upload.request.headers.get('content-length')).toBeNull();
    await expect(readBodyCapped(upload.request, 4096)).rejects.toBeInstanceOf(BodyTooLargeError);
    expect(upload.pulled()).toBeLessThan(10);
    expect(upload.wasCancelled()).toBe(true);
  });

  it('reads a body within the cap, whole', async () => {
    const upload = chunked(4, 1024);
    const body = await readBodyCapped(upload.request, 4096);
    expect(body.byteLength).toBe(4096);
  });

  it('refuses a declared Content-Length over the cap before reading', async () => {
    const request = new Request('http://127.0.0.1/x', {
      method: 'POST',
      body: 'x'.repeat(10),
      headers: { 'content-length': '999999' },
    });
    await expect(readTextCapped(request, 100)).rejects.toBeInstanceOf(BodyTooLargeError);
  });

  it('counts bytes, not characters', async () => {
    const request = new Request('http://127.0.0.1/x', { method: 'POST', body: 'é'.repeat(60) });
    await expect(readTextCapped(request, 100)).rejects.toBeInstanceOf(BodyTooLargeError);
    const ok = new Request('http://127.0.0.1/x', { method: 'POST', body: 'é'.repeat(50) });
    expect(await readTextCapped(ok, 100)).toBe('é'.repeat(50));
  });

  it('reads a form within the cap into its fields, and gives null past it', async () => {
    const form = (body: string) => new Request('http://127.0.0.1/x', { method: 'POST', body });
    expect(await readFormCapped(form('email=a%40b.test&callbackUrl=%2Fx&email=c'), 100)).toEqual({
      email: 'c',
      callbackUrl: '/x',
    });
    expect(await readFormCapped(form(`email=${'x'.repeat(200)}`), 100)).toBeNull();
  });
});
