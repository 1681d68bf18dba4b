const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const LOOKUP = new Int16Array(128).fill(-1);
for (let n = 0; n < ALPHABET.length; n++) LOOKUP[ALPHABET.charCodeAt(n)] = n;

/** Standard base64 of `bytes` (works the same in Node and browsers). */
export function toBase64(bytes: Uint8Array): string {
  const parts: string[] = [];
  let chunk = '';
  for (let n = 0; n < bytes.length; n += 3) {
    const a = bytes[n] as number;
    const b = n + 1 < bytes.length ? (bytes[n + 1] as number) : 0;
    const c = n + 2 < bytes.length ? (bytes[n + 2] as number) : 0;
    const v = (a << 16) | (b << 8) | c;
    chunk +=
      ALPHABET.charAt((v >> 18) & 63) +
      ALPHABET.charAt((v >> 12) & 63) +
      (n + 1 < bytes.length ? ALPHABET.charAt((v >> 6) & 63) : '=') +
      (n + 2 < bytes.length ? ALPHABET.charAt(v & 63) : '=');
    if (chunk.length >= 8192) {
      parts.push(chunk);
      chunk = '';
    }
  }
  parts.push(chunk);
  return parts.join('');
}

/** Decodes standard base64; returns null when `text` is not valid base64. */
export function fromBase64(text: string): Uint8Array | null {
  if (text.length % 4 !== 0) return null;
  const pad = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const out = new Uint8Array((text.length / 4) * 3 - pad);
  let o = 0;
  for (let n = 0; n < text.length; n += 4) {
    let v = 0;
    for (let k = 0; k < 4; k++) {
      const ch = text.charCodeAt(n + k);
      const d =
        ch === 61 && n + k >= text.length - pad ? 0 : ch < 128 ? (LOOKUP[ch] as number) : -1;
      if (d < 0) return null;
      v = (v << 6) | d;
    }
    if (o < out.length) out[o++] = (v >> 16) & 255;
    if (o < out.length) out[o++] = (v >> 8) & 255;
    if (o < out.length) out[o++] = v & 255;
  }
  return out;
}
