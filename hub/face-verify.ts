import { z } from 'zod';
import type { HubDb } from './hub-db';
import { open, seal } from '../base/sealed-box';
import { bytesToTemplate, templateToBytes } from '../common/face/template-bytes';
import { verifyDescriptors, probeVector } from '../common/face/matching';
import { BINDING_HOLDER_POLICY } from '../common/face/decision-policy';
import type { DecisionPolicy } from '../common/face/matching';
import { issuesText } from './issues-text';
import type { ProtocolRequest, Reply } from './protocol-handlers';

const errorReply = (status: number, error: string, message: string): Reply => ({ status, body: { error, message } });
const referenceContext = (subject: string) => `face_references.template:${subject}`;
const SUBJECT = /^[A-Za-z0-9_-]{4,64}$/;
/** base64 of 128 float32 (512 bytes: 684 characters); the length is checked when it is decoded. */
const TEMPLATE_BASE64 = /^[A-Za-z0-9+/]{1,700}={0,2}$/;

/** No-match answers for one subject within VERIFY_WINDOW_MS after which the hub answers 429 for it. */
export const VERIFY_NO_MATCH_LIMIT = 3;
export const VERIFY_WINDOW_MS = 24 * 3600_000;

/**
 * The per-subject limit of POST v1/faces/verify: someone holding another person's card could
 * otherwise try face after face, terminal after terminal, against that card's reference. After
 * VERIFY_NO_MATCH_LIMIT no-match answers for a subject within VERIFY_WINDOW_MS, every request
 * for it is refused (429) until the window has passed the oldest of them. Each terminal refuses
 * binding for the card sooner by itself (after two mismatches, face.db); this bounds what all the
 * hall's terminals together, or one that does not keep its own count, can try. In memory: the
 * reference hub's restart clears it.
 */
export class VerifyAttemptLimit {
  private readonly noMatches = new Map<string, number[]>();

  constructor(
    private readonly limit = VERIFY_NO_MATCH_LIMIT,
    private readonly windowMs = VERIFY_WINDOW_MS,
  ) {}

  /** When requests for `subject` are taken again, or null when they are taken now. */
  blockedUntil(subject: string, now: number): number | null {
    const recent = this.recent(subject, now);
    if (recent.length < this.limit) return null;
    return recent[recent.length - this.limit]! + this.windowMs;
  }

  recordNoMatch(subject: string, now: number): void {
    this.noMatches.set(subject, [...this.recent(subject, now), now]);
  }

  private recent(subject: string, now: number): number[] {
    const kept = (this.noMatches.get(subject) ?? []).filter((t) => now - t < this.windowMs);
    if (kept.length === 0) this.noMatches.delete(subject);
    else this.noMatches.set(subject, kept);
    return kept;
  }
}

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
  /** The per-subject limit of the verify endpoint (handleFaceVerify). */
  readonly attempts = new VerifyAttemptLimit();

  constructor(
    private readonly db: HubDb,
    private readonly key: Buffer,
  ) {}

  put(subject: string, template: Float32Array, now: number): void {
    if (!SUBJECT.test(subject)) throw new Error('a subject id is 4 to 64 characters of A-Z a-z 0-9 _ -');
    const sealed = seal(this.key, templateToBytes(probeVector(template)), referenceContext(subject));
    this.db
      .prepare(
        'INSERT INTO face_references (subject, template, added_at) VALUES (?, ?, ?) ON CONFLICT(subject) DO UPDATE SET template = excluded.template, added_at = excluded.added_at',
      )
      .run(subject, sealed, now);
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
 * POST v1/faces/verify: the live template against the subject's reference at the binding
 * threshold (stricter than 1:1 verify: BINDING_HOLDER_POLICY). 200 `{ result: "match" |
 * "no-match" }`, or `{ result: "unavailable" }` when the hub holds no reference for the subject;
 * 429 `too-many-attempts` after too many no-match answers for the subject (VerifyAttemptLimit).
 * The live template is compared in memory and not kept.
 */
export function handleFaceVerify(references: FaceReferences, req: ProtocolRequest, policy: DecisionPolicy = BINDING_HOLDER_POLICY): Reply {
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
  const { subject } = parsed.data;
  const blockedUntil = references.attempts.blockedUntil(subject, req.now);
  if (blockedUntil !== null) {
    live.fill(0);
    return errorReply(
      429,
      'too-many-attempts',
      `${VERIFY_NO_MATCH_LIMIT} checks for this subject did not match within ${VERIFY_WINDOW_MS / 3600_000} h: none is made until ${new Date(blockedUntil).toISOString()}`,
    );
  }
  const reference = references.get(subject);
  if (!reference) {
    live.fill(0);
    return { status: 200, body: { result: 'unavailable' } };
  }
  const decision = verifyDescriptors(live, reference, policy);
  live.fill(0);
  reference.fill(0);
  if (!decision.match) references.attempts.recordNoMatch(subject, req.now);
  return { status: 200, body: { result: decision.match ? 'match' : 'no-match' } };
}
