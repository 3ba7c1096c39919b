/** Default cap on one AFAS response body. */
export const DEFAULT_MAX_BODY_BYTES = 10 * 1024 * 1024;

// Stateless without `stream: true`, so one instance serves every call; like Response.text() it drops a UTF-8 BOM.
const utf8 = new TextDecoder();

/**
 * The body as text, or `undefined` as soon as it is known to exceed `maxBytes`: at once from Content-Length,
 * otherwise while streaming, so at most `maxBytes` (plus one chunk) is ever held. The caller aborts the request
 * to drop the connection.
 */
export async function readCappedText(response: Response, maxBytes: number): Promise<string | undefined> {
  const declared = response.headers.get('content-length');
  if (declared !== null && Number(declared) > maxBytes) return undefined;
  if (response.body === null) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      reader.cancel().catch(() => undefined);
      return undefined;
    }
    chunks.push(value);
  }
  return utf8.decode(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size));
}
