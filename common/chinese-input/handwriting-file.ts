import type { HandwritingTemplates } from './handwriting-matcher';

/**
 * The handwriting templates as one file: u32 character count, u32 byte length of the characters,
 * the characters (UTF-8, one after another), one stroke count per character, then the points.
 */
export function encodeHandwriting(t: HandwritingTemplates): Uint8Array {
  const chars = new TextEncoder().encode(t.chars.join(''));
  const out = new Uint8Array(8 + chars.length + t.strokeCounts.length + t.points.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, t.chars.length, true);
  view.setUint32(4, chars.length, true);
  out.set(chars, 8);
  out.set(t.strokeCounts, 8 + chars.length);
  out.set(t.points, 8 + chars.length + t.strokeCounts.length);
  return out;
}

export function decodeHandwriting(bytes: Uint8Array): HandwritingTemplates {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const count = view.getUint32(0, true);
  const charBytes = view.getUint32(4, true);
  const chars = Array.from(new TextDecoder().decode(bytes.subarray(8, 8 + charBytes)));
  if (chars.length !== count) throw new Error(`the handwriting data names ${chars.length} characters, not ${count}`);
  const strokeCounts = bytes.subarray(8 + charBytes, 8 + charBytes + count);
  return { chars, strokeCounts, points: bytes.subarray(8 + charBytes + count) };
}

/** Base64 without Node's Buffer (the renderer has none): the build embeds the file in a chunk as text. */
export function base64ToBytes(text: string): Uint8Array {
  const binary = atob(text);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}
