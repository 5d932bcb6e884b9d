/** Reads a response body up to a size cap, so a huge or endless answer cannot fill memory. */
import type { Dispatcher } from 'undici';

/** A body read up to the cap: its text, or `tooLarge` (and no text) past it. */
export type CappedBody = { text: string; tooLarge: false } | { text: ''; tooLarge: true };

/**
 * Reads the body as UTF-8 text, giving up (and dropping the socket) once it passes
 * `maxBytes`: the callers treat an oversized answer as "not the server we expected".
 * With a declared `content-length` the size is known before reading (undici refuses a body
 * longer than it declares), so one within the cap is read whole, without the chunk loop.
 */
export async function readCapped(
  body: Dispatcher.ResponseData['body'],
  maxBytes: number,
  contentLength?: string,
): Promise<CappedBody> {
  const declared = contentLength !== undefined && /^\d+$/.test(contentLength) ? Number(contentLength) : null;
  if (declared !== null && declared > maxBytes) {
    body.destroy();
    return { text: '', tooLarge: true };
  }
  if (declared !== null) return { text: await body.text(), tooLarge: false };
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of body) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
    total += buf.length;
    if (total > maxBytes) {
      body.destroy();
      return { text: '', tooLarge: true };
    }
    chunks.push(buf);
  }
  return { text: Buffer.concat(chunks).toString('utf8'), tooLarge: false };
}
