import type { PhotoDecoder } from '../../../devices/id-card/card-parser';
import { faceVerifyAnswerSchema } from '../../../common/hub-protocol/answers';
import type { HubClient } from '../../../offline-queue/hub-client';
import { readHubAnswer, type NoAnswer } from '../../../offline-queue/hub-answers';
import { templateToBytes } from '../../../common/face/template-bytes';
import { verifyDescriptors, type DecisionPolicy } from '../../../common/face/matching';
import type { FacePipeline } from '../pipeline';
import { bmpToRgba } from './bmp';

/**
 * 人证核验: is the live face the card holder's? `match` binds; `no-match` and `unavailable` (the
 * check could not be made) bind nothing.
 */
export type HolderCheck = 'match' | 'no-match' | 'unavailable';

/** A check's outcome and, for the log, why it came out so (never a score, a template or an id). */
export interface HolderVerdict {
  check: HolderCheck;
  detail: string;
}

/** Checks one live template (the mean of the capture frames) against the card holder. */
export type HolderVerification = (template: Float32Array) => Promise<HolderVerdict>;

/** The wire form of a template for `POST v1/faces/verify`: base64 of its 128 float32, little-endian. */
export function templateToWire(template: Float32Array): string {
  return Buffer.from(templateToBytes(template)).toString('base64');
}

/**
 * Against the card's own photo (WLT decoded by the configured decoder): the photo's descriptor
 * and the live template must lie within the verify threshold. A photo that cannot be decoded or
 * holds no single face makes the check unavailable, not a mismatch.
 */
export async function checkAgainstCardPhoto(
  deps: { decoder: PhotoDecoder; pipeline: Pick<FacePipeline, 'photo'>; policy: DecisionPolicy },
  wlt: Uint8Array,
  template: Float32Array,
): Promise<HolderVerdict> {
  let photo: { mimeType: string; data: Uint8Array };
  try {
    photo = await deps.decoder.decode(wlt);
  } catch (err) {
    return { check: 'unavailable', detail: `the card photo could not be decoded: ${(err as Error).message}` };
  }
  try {
    // WLT decoders give BMP (what vendors' libraries write); the engine reads JPEG, PNG and WebP itself.
    const frame = photo.mimeType === 'image/bmp' ? { kind: 'rgba' as const, ...bmpToRgba(photo.data) } : { kind: 'encoded' as const, bytes: photo.data };
    const outcome = await deps.pipeline.photo(frame);
    if (!outcome.ok || !outcome.face.descriptor)
      return { check: 'unavailable', detail: `the card photo shows no single face (${outcome.ok ? 'no descriptor' : outcome.reason})` };
    const decision = verifyDescriptors(template, outcome.face.descriptor, deps.policy);
    return { check: decision.match ? 'match' : 'no-match', detail: 'compared with the card photo' };
  } catch (err) {
    return { check: 'unavailable', detail: `the card photo could not be analysed: ${(err as Error).message}` };
  } finally {
    photo.data.fill(0);
  }
}

function hubProblem(r: NoAnswer): string {
  switch (r.kind) {
    case 'timeout':
      return `no answer within ${r.timeoutMs} ms`;
    case 'http-error':
      return `HTTP ${r.status}${r.code ? ` ${r.code}` : ''}`;
    case 'not-modified':
      return 'HTTP 304';
    case 'unauthorized':
      return `HTTP 401: ${r.message}`;
    default:
      return r.message;
  }
}

/**
 * By the hall's hub (`POST v1/faces/verify`, docs/hub-protocol.md, “人证核验”): it holds the reference the
 * live template is compared with. A hub that is down, slow, refuses or answers something else
 * makes the check unavailable.
 */
export async function checkWithHub(client: Pick<HubClient, 'verifyFace'>, subject: string, template: Float32Array): Promise<HolderVerdict> {
  const r = readHubAnswer(await client.verifyFace(subject, templateToWire(template)), faceVerifyAnswerSchema, 'POST v1/faces/verify');
  if (r.kind !== 'answer') return { check: 'unavailable', detail: `the hub did not verify: ${hubProblem(r)}` };
  return { check: r.value.result, detail: 'the hub decided' };
}
