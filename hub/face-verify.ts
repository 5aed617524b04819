import { z } from 'zod';
import type { HubDb } from './hub-db';
import { open, seal } from '../main/security/sealed-box';
import { bytesToTemplate, templateToBytes } from '../main/face/gallery/hall-template-codec';
import { verifyDescriptors, probeVector } from '../main/face/matching';
import { DEFAULT_VERIFY_POLICY } from '../main/face/decision-policy';
import type { DecisionPolicy } from '../main/face/matching';
import { issuesText } from './protocol-schemas';
import type { ProtocolRequest, Reply } from './protocol-handlers';

const errorReply = (status: number, error: string, message: string): Reply => ({ status, body: { error, message } });
const referenceContext = (subject: string) => `face_references.template:${subject}`;
const SUBJECT = /^[A-Za-z0-9_-]{4,64}$/;
/** base64 of 128 float32 (512 bytes: 684 characters); the length is checked when it is decoded. */
const TEMPLATE_BASE64 = /^[A-Za-z0-9+/]{1,700}={0,2}$/;

/** `POST v1/faces/verify` body (docs/hub-protocol.md, “人证核验”). */
export const faceVerifyRequestSchema = z.object({
  subject: z.string().regex(SUBJECT, 'subject must be 4–64 characters of A-Z a-z 0-9 _ -'),
  template: z.string().regex(TEMPLATE_BASE64, 'template must be base64 of 128 float32 (512 bytes)'),
});

/**
 * The reference hub's reference faces for 人证核验: one template per pseudonymous subject (for
 * the kiosk's embedded hub: the sample citizens', computed from their photos at its first use),
 * sealed with the hub's key in hub.db. A real hall's hub would compare with the card holder's
 * photo of record instead; the protocol is the same.
 */
export class FaceReferences {
  constructor(
    private readonly db: HubDb,
    private readonly key: Buffer,
  ) {}

  put(subject: string, template: Float32Array, now: number): void {
    if (!SUBJECT.test(subject)) throw new Error('a subject id is 4 to 64 characters of A-Z a-z 0-9 _ -');
    const sealed = seal(this.key, templateToBytes(probeVector(template)), referenceContext(subject));
    this.db.prepare('INSERT INTO face_references (subject, template, added_at) VALUES (?, ?, ?) ON CONFLICT(subject) DO UPDATE SET template = excluded.template, added_at = excluded.added_at').run(subject, sealed, now);
  }

  /** The subject's reference, or null when there is none (or it cannot be opened: hub.key replaced). */
  get(subject: string): Float32Array | null {
    const row = this.db.prepare('SELECT template FROM face_references WHERE subject = ?').get(subject) as { template: Buffer } | undefined;
    if (!row) return null;
    try {
      return bytesToTemplate(open(this.key, row.template, referenceContext(subject)));
    } catch {
      return null;
    }
  }

  has(subject: string): boolean {
    return this.get(subject) !== null;
  }

  count(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM face_references').get() as { n: number }).n;
  }
}

/**
 * POST v1/faces/verify: the live template against the subject's reference at the verify
 * threshold. 200 `{ result: "match" | "no-match" }`, or `{ result: "unavailable" }` when the hub
 * holds no reference for the subject. The live template is compared in memory and not kept.
 */
export function handleFaceVerify(references: FaceReferences, req: ProtocolRequest, policy: DecisionPolicy = DEFAULT_VERIFY_POLICY): Reply {
  let json: unknown;
  try {
    json = JSON.parse(req.body.toString('utf8'));
  } catch (err) {
    return errorReply(400, 'bad-request', `body is not JSON: ${(err as Error).message}`);
  }
  const parsed = faceVerifyRequestSchema.safeParse(json);
  if (!parsed.success) return errorReply(400, 'bad-request', issuesText(parsed.error));
  let live: Float32Array;
  try {
    live = bytesToTemplate(Buffer.from(parsed.data.template, 'base64'));
  } catch (err) {
    return errorReply(400, 'bad-request', `template: ${(err as Error).message}`);
  }
  const reference = references.get(parsed.data.subject);
  if (!reference) {
    live.fill(0);
    return { status: 200, body: { result: 'unavailable' } };
  }
  const decision = verifyDescriptors(live, reference, policy);
  live.fill(0);
  reference.fill(0);
  return { status: 200, body: { result: decision.match ? 'match' : 'no-match' } };
}
