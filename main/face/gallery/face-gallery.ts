import { z } from 'zod';
import { decideIdentity, probeVector, assertDescriptor, type DecisionPolicy, type IdentifyDecision } from '../matching';
import type { GalleryStore, ConsentRecord } from './gallery-store';
import type { HallTemplateCodec } from './hall-template-codec';
import { assertSubjectId } from './subject-id';
import { TemplateIndex } from './template-index';

/** Payload of the outbox item `face.bound` (HUB-PROTOCOL: template sealed for the hall). */
export interface FaceBoundEvent {
  subject: string;
  template: string;
  shared: true;
}

/** Payload of the outbox item `face.unbound`. */
export interface FaceUnboundEvent {
  subject: string;
}

/** What the gallery tells the rest of the core; the lead wires these to the outbox. */
export interface GalleryHooks {
  onBound?(event: FaceBoundEvent): void;
  onUnbound?(event: FaceUnboundEvent): void;
}

export interface BindRequest {
  subject: string;
  template: Float32Array;
  /** Consent to store the template on this terminal (required), with the version of the text shown. */
  storeConsent: { textVersion: string };
  /** Separate consent to share the binding with the hall's other terminals; null when declined. */
  shareConsent: { textVersion: string } | null;
}

export const galleryChangeSchema = z.discriminatedUnion('op', [
  z.object({ subject: z.string().regex(/^[A-Za-z0-9_-]{4,64}$/), op: z.literal('put'), template: z.string().min(1) }),
  z.object({ subject: z.string().regex(/^[A-Za-z0-9_-]{4,64}$/), op: z.literal('delete') }),
]);
export type GalleryChange = z.infer<typeof galleryChangeSchema>;

export const purgeSubjectArgsSchema = z.object({ subject: z.string().regex(/^[A-Za-z0-9_-]{4,64}$/) });

const DAY_MS = 24 * 60 * 60 * 1000;
const GALLERY_CURSOR = 'gallery-cursor';
const WITHDRAWN_SUBJECTS = 'withdrawn-subjects';

export interface FaceGalleryDeps {
  store: GalleryStore;
  hallCodec: HallTemplateCodec;
  clock: () => number;
  hooks?: GalleryHooks;
}

/**
 * Face bindings: the sealed store, the in-memory 1:N index built from it, consents, unbinding,
 * retention, hub commands and hall changes. Scores never leave this module except through
 * `identify`'s decision, which the core keeps to itself.
 */
export class FaceGallery {
  private readonly index = new TemplateIndex();

  constructor(private readonly deps: FaceGalleryDeps) {
    for (const entry of deps.store.allTemplates()) this.index.put(entry.subject, entry.template);
  }

  get size(): number {
    return this.index.size;
  }

  has(subject: string): boolean {
    return this.index.has(subject);
  }

  consentsOf(subject: string): ConsentRecord[] {
    return this.deps.store.consentsOf(subject);
  }

  bind(request: BindRequest): void {
    assertSubjectId(request.subject);
    assertDescriptor(request.template, 'template');
    if (!request.storeConsent?.textVersion) throw new Error('binding a face needs the consent to store it on this terminal');
    const template = probeVector(request.template);
    const now = this.deps.clock();
    const { store } = this.deps;
    store.transaction(() => {
      store.deleteSubject(request.subject);
      store.putTemplate({ subject: request.subject, template, origin: 'local', now });
      store.recordConsent({ subject: request.subject, kind: 'store', textVersion: request.storeConsent.textVersion, grantedAt: now });
      if (request.shareConsent) {
        store.recordConsent({ subject: request.subject, kind: 'share', textVersion: request.shareConsent.textVersion, grantedAt: now });
      }
    });
    this.index.put(request.subject, template);
    this.setWithdrawn(request.subject, false);
    if (request.shareConsent) {
      this.deps.hooks?.onBound?.({ subject: request.subject, template: this.deps.hallCodec.encode(request.subject, template), shared: true });
    }
  }

  /** The citizen's own unbinding (with the ID card): template and consents go, the hall is told. */
  unbind(subject: string): boolean {
    assertSubjectId(subject);
    const wasShared = this.deps.store.consentsOf(subject).some((c) => c.kind === 'share') || this.deps.store.templateInfo(subject)?.origin === 'hall';
    const removed = this.remove(subject);
    if (removed && wasShared) {
      // Until the hall confirms the deletion, its copy of this binding may still come back in a
      // GET v1/gallery answer: the citizen's withdrawal must not be undone by it.
      this.setWithdrawn(subject, true);
      this.deps.hooks?.onUnbound?.({ subject });
    }
    return removed;
  }

  /** Subjects unbound here whose deletion the hall has not echoed yet (kept in face.db). */
  private withdrawn(): Set<string> {
    const raw = this.deps.store.getSyncState(WITHDRAWN_SUBJECTS);
    return new Set(raw ? (JSON.parse(raw) as string[]) : []);
  }

  private setWithdrawn(subject: string, withdrawn: boolean): void {
    const set = this.withdrawn();
    if (set.has(subject) === withdrawn) return;
    if (withdrawn) set.add(subject);
    else set.delete(subject);
    this.deps.store.setSyncState(WITHDRAWN_SUBJECTS, JSON.stringify([...set]));
  }

  /** 1:N search; on acceptance the template's last use is recorded (retention). */
  identify(descriptor: ArrayLike<number>, policy: DecisionPolicy): IdentifyDecision {
    const probe = probeVector(descriptor);
    const { best, second } = this.index.nearestTwo(probe);
    const decision = decideIdentity(best, second, policy);
    if (decision.subject) this.deps.store.touch(decision.subject, this.deps.clock());
    return decision;
  }

  /** Removes templates not used for `retentionDays`; returns how many. */
  purgeExpired(retentionDays: number): number {
    if (!(retentionDays > 0)) throw new Error('retention must be a positive number of days');
    const cutoff = this.deps.clock() - retentionDays * DAY_MS;
    let count = 0;
    for (const subject of this.deps.store.subjectsUnusedSince(cutoff)) {
      const shared = this.deps.store.consentsOf(subject).some((c) => c.kind === 'share');
      if (this.remove(subject)) {
        count++;
        if (shared) this.deps.hooks?.onUnbound?.({ subject });
      }
    }
    return count;
  }

  /** Hub command `purge-subject` (idempotent: purging an unknown subject is not an error). */
  handlePurgeSubject(args: unknown): { purged: boolean } {
    const parsed = purgeSubjectArgsSchema.safeParse(args);
    if (!parsed.success) throw new Error(`purge-subject needs args { subject }: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
    return { purged: this.remove(parsed.data.subject) };
  }

  /** Applies `GET v1/gallery` changes and keeps the cursor; invalid changes are skipped and counted. */
  applyRemoteChanges(response: { cursor: string; changes: unknown[] }): { applied: number; rejected: number } {
    let applied = 0;
    let rejected = 0;
    const now = this.deps.clock();
    const withdrawn = this.withdrawn();
    for (const raw of response.changes) {
      const parsed = galleryChangeSchema.safeParse(raw);
      if (!parsed.success) {
        rejected++;
        continue;
      }
      const change = parsed.data;
      if (change.op === 'delete') {
        this.remove(change.subject);
        if (withdrawn.delete(change.subject)) this.setWithdrawn(change.subject, false);
        applied++;
        continue;
      }
      if (withdrawn.has(change.subject)) {
        // The hall's copy of a binding the citizen deleted here, sent before our deletion reached it.
        applied++;
        continue;
      }
      let template: Float32Array;
      try {
        template = probeVector(this.deps.hallCodec.decode(change.subject, change.template));
      } catch {
        rejected++;
        continue;
      }
      if (this.deps.store.templateInfo(change.subject)?.origin === 'local') {
        // Our own binding echoed back by the hub: the local one (with its consents) stays.
        applied++;
        continue;
      }
      this.deps.store.putTemplate({ subject: change.subject, template, origin: 'hall', now });
      this.index.put(change.subject, template);
      applied++;
    }
    this.deps.store.setSyncState(GALLERY_CURSOR, response.cursor);
    return { applied, rejected };
  }

  /** The `since` cursor for the next `GET v1/gallery`. */
  galleryCursor(): string | null {
    return this.deps.store.getSyncState(GALLERY_CURSOR);
  }

  private remove(subject: string): boolean {
    const removed = this.deps.store.deleteSubject(subject);
    const unindexed = this.index.remove(subject);
    return removed || unindexed;
  }
}
