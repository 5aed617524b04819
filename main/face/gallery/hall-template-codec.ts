import { open, seal } from '../../security/sealed-box';
import type { KeyProvider } from '../../security/key-provider';
import { DESCRIPTOR_LENGTH, assertDescriptor } from '../matching';

/**
 * How a template travels to the hub and back (`face.bound`, `GET v1/gallery`): base64 of the 128
 * float32 sealed with the hall's shared key, bound to the subject id.
 */
export interface HallTemplateCodec {
  encode(subject: string, template: Float32Array): string;
  decode(subject: string, encoded: string): Float32Array;
}

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

export class SealedHallTemplateCodec implements HallTemplateCodec {
  constructor(private readonly hallKey: KeyProvider) {}

  encode(subject: string, template: Float32Array): string {
    return seal(this.hallKey.getKey(), templateToBytes(template), `hall-face-template:${subject}`).toString('base64');
  }

  decode(subject: string, encoded: string): Float32Array {
    return bytesToTemplate(open(this.hallKey.getKey(), Buffer.from(encoded, 'base64'), `hall-face-template:${subject}`));
  }
}
