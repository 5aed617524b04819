import { DESCRIPTOR_LENGTH, assertDescriptor } from './matching';

/** A template as bytes: its 128 float32 in the platform's byte order (little-endian on every kiosk), as sealed at rest and sent to the hub. */
export function templateToBytes(template: Float32Array): Uint8Array {
  const copy = Float32Array.from(template);
  return new Uint8Array(copy.buffer);
}

export function bytesToTemplate(bytes: Uint8Array): Float32Array {
  if (bytes.byteLength !== DESCRIPTOR_LENGTH * 4) throw new Error(`a template is ${DESCRIPTOR_LENGTH * 4} bytes, got ${bytes.byteLength}`);
  const out = new Float32Array(DESCRIPTOR_LENGTH);
  new Uint8Array(out.buffer).set(bytes);
  assertDescriptor(out, 'template');
  return out;
}
