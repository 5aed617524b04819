import { open, seal } from '../../../base/sealed-box';
import type { KeyProvider } from '../../../base/key-provider';
import { bytesToTemplate, templateToBytes } from '../../../common/face/template-bytes';

/**
 * How a template travels to the hub and back (`face.bound`, `GET v1/gallery`): base64 of the 128
 * float32 sealed with the hall's shared key, bound to the subject id and, when given, to the time
 * the binding was made (`boundAt`, ISO): a hub cannot pass an old binding off as a newer one.
 * Without `boundAt` the associated data is the subject's alone (templates sealed by older versions).
 */
export interface HallTemplateCodec {
  encode(subject: string, template: Float32Array, boundAt?: string): string;
  decode(subject: string, encoded: string, boundAt?: string): Float32Array;
}

function hallContext(subject: string, boundAt: string | undefined): string {
  return boundAt === undefined ? `hall-face-template:${subject}` : `hall-face-template:${subject}:bound-at:${boundAt}`;
}

export class SealedHallTemplateCodec implements HallTemplateCodec {
  constructor(private readonly hallKey: KeyProvider) {}

  encode(subject: string, template: Float32Array, boundAt?: string): string {
    return seal(this.hallKey.getKey(), templateToBytes(template), hallContext(subject, boundAt)).toString('base64');
  }

  decode(subject: string, encoded: string, boundAt?: string): Float32Array {
    return bytesToTemplate(open(this.hallKey.getKey(), Buffer.from(encoded, 'base64'), hallContext(subject, boundAt)));
  }
}
