import { z } from 'zod';
import { galleryChangeSchema } from '../../../common/hub-protocol/answers';
import type { ProcessingActor } from '../../../common/hub-protocol/processing-record';
import { decideIdentity, probeVector, assertDescriptor, type DecisionPolicy, type IdentifyDecision } from '../matching';
import type { GalleryStore, ConsentRecord } from './gallery-store';
import type { HallTemplateCodec } from './hall-template-codec';
import type { NewProcessingRecord, ProcessingRecord } from './processing-records';
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

/** What the gallery tells the rest of the core (the core wires these to the outbox), and the terminal's id it asks for. */
export interface GalleryHooks {
  onBound?(event: FaceBoundEvent): void;
  onUnbound?(event: FaceUnboundEvent): void;
  /** Processing records were written (face.db); the core hands the new ones to the outbox. */
  onRecords?(): void;
  /** The terminal named in processing records (`terminal.id`). */
  terminalId?(): string;
}

export interface BindRequest {
  subject: string;
  template: Float32Array;
  /** Consent to store the template on this terminal (required), with the version of the text shown. */
  storeConsent: { textVersion: string };
  /** Separate consent to share the binding with the hall's other terminals; null when declined. */
  shareConsent: { textVersion: string } | null;
}

export { galleryChangeSchema };
export type GalleryChange = z.infer<typeof galleryChangeSchema>;

export const purgeSubjectArgsSchema = z.object({ subject: z.string().regex(/^[A-Za-z0-9_-]{4,64}$/) });

const DAY_MS = 24 * 60 * 60 * 1000;
const GALLERY_CURSOR = 'gallery-cursor';
const WITHDRAWN_SUBJECTS = 'withdrawn-subjects';
/** Set while hall puts are skipped (face switched off, or every template deleted by staff); see resumeHallPuts. */
const HALL_PUTS_SKIPPED = 'hall-puts-skipped';

export interface FaceGalleryDeps {
  store: GalleryStore;
  hallCodec: HallTemplateCodec;
  clock: () => number;
  hooks?: GalleryHooks;
}

export interface ApplyOptions {
  /**
   * Store the hall's new bindings (`put`). False while face is switched off: deletions still
   * apply, new templates are not taken in; the first pull with face on again starts from scratch.
   */
  acceptPuts?: boolean;
}

/**
 * Face bindings: the sealed store, the in-memory 1:N index built from it, consents, unbinding,
 * retention, hub commands, hall changes and the processing records of all of them. Scores never
 * leave this module except through `identify`'s decision, which the core keeps to itself.
 *
 * The index is built on first use (a search or a binding): with face switched off, deletions and
 * purges run on face.db without any template being opened into memory.
 */
export class FaceGallery {
  private loaded: TemplateIndex | null = null;

  constructor(private readonly deps: FaceGalleryDeps) {}

  private index(): TemplateIndex {
    if (!this.loaded) {
      const index = new TemplateIndex();
      for (const entry of this.deps.store.allTemplates()) index.put(entry.subject, entry.template);
      this.loaded = index;
    }
    return this.loaded;
  }

  get size(): number {
    return this.deps.store.templateCount();
  }

  has(subject: string): boolean {
    return this.deps.store.templateInfo(subject) !== null;
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
    const { subject, storeConsent, shareConsent } = request;
    const index = this.index();
    store.transaction(() => {
      store.deleteSubject(subject);
      store.putTemplate({ subject, template, origin: 'local', now });
      store.recordConsent({ subject, kind: 'store', textVersion: storeConsent.textVersion, grantedAt: now });
      this.record({ event: 'consent-given', subject, detail: { consent: 'store', textVersion: storeConsent.textVersion } }, now);
      if (shareConsent) {
        store.recordConsent({ subject, kind: 'share', textVersion: shareConsent.textVersion, grantedAt: now });
        this.record({ event: 'consent-given', subject, detail: { consent: 'share', textVersion: shareConsent.textVersion } }, now);
      }
      this.record({ event: 'bound', subject, detail: {} }, now);
      if (shareConsent) this.record({ event: 'shared', subject, detail: {} }, now);
      this.setWithdrawn(subject, false);
    });
    index.put(subject, template);
    if (shareConsent) {
      this.deps.hooks?.onBound?.({ subject, template: this.deps.hallCodec.encode(subject, template), shared: true });
    }
    this.deps.hooks?.onRecords?.();
  }

  /** The citizen's own unbinding (with the ID card): template and consents go, the hall is told. */
  unbind(subject: string): boolean {
    assertSubjectId(subject);
    const { store } = this.deps;
    const now = this.deps.clock();
    const wasShared = store.consentsOf(subject).some((c) => c.kind === 'share') || store.templateInfo(subject)?.origin === 'hall';
    const removed = store.transaction(() => {
      const removed = store.deleteSubject(subject);
      if (!removed) return false;
      this.record({ event: 'consent-withdrawn', subject, detail: { consent: 'store' } }, now);
      if (wasShared) this.record({ event: 'consent-withdrawn', subject, detail: { consent: 'share' } }, now);
      this.record({ event: 'deleted', subject, detail: { by: 'citizen' } }, now);
      // Until the hall confirms the deletion, its copy of this binding may still come back in a
      // GET v1/gallery answer: the citizen's withdrawal must not be undone by it.
      if (wasShared) this.setWithdrawn(subject, true);
      return true;
    });
    const unindexed = this.loaded?.remove(subject) ?? false;
    if (removed && wasShared) this.deps.hooks?.onUnbound?.({ subject });
    if (removed) this.deps.hooks?.onRecords?.();
    return removed || unindexed;
  }

  /**
   * Staff deleting every template held here (face switched off): local bindings and hall copies,
   * with their consents; the hall is not told (the citizens did not withdraw, and the hall's shared
   * bindings are for its other terminals). Hall copies come back, by a sync from scratch, only when
   * face is switched on again here. Returns how many templates went.
   */
  deleteAll(): number {
    const { store } = this.deps;
    const now = this.deps.clock();
    const subjects = store.templateSubjects();
    store.transaction(() => {
      for (const { subject } of subjects) {
        store.deleteSubject(subject);
        this.record({ event: 'deleted', subject, detail: { by: 'staff' } }, now);
      }
      store.setSyncState(HALL_PUTS_SKIPPED, '1');
    });
    for (const { subject } of subjects) this.loaded?.remove(subject);
    if (subjects.length > 0) this.deps.hooks?.onRecords?.();
    return subjects.length;
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

  /** Writes one processing record (inside the caller's transaction). */
  private record(record: NewProcessingRecord, at: number): void {
    this.deps.store.records.add({ ...record, at, terminalId: this.deps.hooks?.terminalId?.() ?? 'unnamed' });
  }

  /** 1:N search; on acceptance the template's last use is recorded (retention). */
  identify(descriptor: ArrayLike<number>, policy: DecisionPolicy): IdentifyDecision {
    const probe = probeVector(descriptor);
    const { best, second } = this.index().nearestTwo(probe);
    probe.fill(0); // the caller's descriptor is the caller's to forget; this copy is forgotten here
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
      if (this.remove(subject, 'retention')) {
        count++;
        if (shared) this.deps.hooks?.onUnbound?.({ subject });
      }
    }
    if (count > 0) this.deps.hooks?.onRecords?.();
    return count;
  }

  /** The processing records kept here for a subject, oldest first (they outlive the binding). */
  processingRecordsOf(subject: string): ProcessingRecord[] {
    return this.deps.store.records.ofSubject(subject);
  }

  /** Deletes processing records older than `retentionDays` (`retention.processingRecordDays`); returns how many. */
  purgeProcessingRecords(retentionDays: number): number {
    if (!(retentionDays > 0)) throw new Error('retention must be a positive number of days');
    return this.deps.store.records.purgeBefore(this.deps.clock() - retentionDays * DAY_MS);
  }

  /** Hub command `purge-subject` (idempotent: purging an unknown subject is not an error). */
  handlePurgeSubject(args: unknown): { purged: boolean } {
    const parsed = purgeSubjectArgsSchema.safeParse(args);
    if (!parsed.success) throw new Error(`purge-subject needs args { subject }: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
    const purged = this.remove(parsed.data.subject, 'hub-command');
    if (purged) this.deps.hooks?.onRecords?.();
    return { purged };
  }

  /**
   * Applies one page of `GET v1/gallery` and keeps its cursor, in one transaction: a crash leaves
   * either the whole page applied with its cursor or none of it. A change that is not well formed,
   * or whose template does not open for its subject, is counted and skipped; the others apply.
   */
  applyRemoteChanges(response: { cursor: string; changes: unknown[] }, options: ApplyOptions = {}): { applied: number; rejected: number } {
    const acceptPuts = options.acceptPuts ?? true;
    const { store } = this.deps;
    const now = this.deps.clock();
    let applied = 0;
    let rejected = 0;
    let recorded = false;
    const indexed: Array<{ subject: string; template: Float32Array | null }> = [];
    store.transaction(() => {
      const withdrawn = this.withdrawn();
      let skippedPuts = false;
      for (const raw of response.changes) {
        const parsed = galleryChangeSchema.safeParse(raw);
        if (!parsed.success) {
          rejected++;
          continue;
        }
        const change = parsed.data;
        applied++;
        if (change.op === 'delete') {
          if (store.deleteSubject(change.subject)) {
            this.record({ event: 'deleted', subject: change.subject, detail: { by: 'hall' } }, now);
            recorded = true;
          }
          indexed.push({ subject: change.subject, template: null });
          if (withdrawn.delete(change.subject)) this.setWithdrawn(change.subject, false);
          continue;
        }
        // The hall's copy of a binding the citizen deleted here, sent before our deletion reached it.
        if (withdrawn.has(change.subject)) continue;
        if (!acceptPuts) {
          skippedPuts = true;
          continue;
        }
        let template: Float32Array;
        try {
          template = probeVector(this.deps.hallCodec.decode(change.subject, change.template));
        } catch {
          applied--;
          rejected++;
          continue;
        }
        // Our own binding echoed back by the hub: the local one (with its consents) stays.
        if (store.templateInfo(change.subject)?.origin === 'local') continue;
        store.putTemplate({ subject: change.subject, template, origin: 'hall', now });
        indexed.push({ subject: change.subject, template });
      }
      store.setSyncState(GALLERY_CURSOR, response.cursor);
      if (skippedPuts) store.setSyncState(HALL_PUTS_SKIPPED, '1');
    });
    // The index follows only what was committed.
    for (const { subject, template } of indexed) {
      if (template === null) this.loaded?.remove(subject);
      else this.loaded?.put(subject, template);
    }
    if (recorded) this.deps.hooks?.onRecords?.();
    return { applied, rejected };
  }

  /**
   * Before pulling with face on: when hall bindings were skipped (face was off, or staff deleted
   * every template), the hall copies still held are dropped and the cursor forgotten, so that the
   * next pull starts from scratch and brings back exactly the hall's current bindings (a sync from
   * scratch never lists a deleted subject, so a copy kept from before could not be deleted later).
   * Returns true when it did so.
   */
  resumeHallPuts(): boolean {
    const { store } = this.deps;
    if (store.getSyncState(HALL_PUTS_SKIPPED) === null) return false;
    const hallCopies = store.templateSubjects().filter((t) => t.origin === 'hall');
    store.transaction(() => {
      for (const { subject } of hallCopies) store.deleteSubject(subject);
      store.deleteSyncState(GALLERY_CURSOR);
      store.deleteSyncState(HALL_PUTS_SKIPPED);
    });
    for (const { subject } of hallCopies) this.loaded?.remove(subject);
    return true;
  }

  /** Test-only: the in-memory index's buffers (TemplateIndex.backingBytesForTests). */
  indexBytesForTests(): Uint8Array[] {
    return this.index().backingBytesForTests();
  }

  /** The `since` cursor for the next `GET v1/gallery`. */
  galleryCursor(): string | null {
    return this.deps.store.getSyncState(GALLERY_CURSOR);
  }

  /** Deletes one subject's template and consents, with its processing record; true when anything was held. */
  private remove(subject: string, by: ProcessingActor): boolean {
    const now = this.deps.clock();
    const removed = this.deps.store.transaction(() => {
      const removed = this.deps.store.deleteSubject(subject);
      if (removed) this.record({ event: by === 'retention' || by === 'hub-command' ? 'purged' : 'deleted', subject, detail: { by } }, now);
      return removed;
    });
    const unindexed = this.loaded?.remove(subject) ?? false;
    return removed || unindexed;
  }
}
