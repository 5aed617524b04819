// Over 300 lines: the terminal's gallery as one transaction boundary: binding, deletion, hall sync and retention change the same rows together.
import { z } from 'zod';
import { galleryChangeSchema } from '../../../common/hub-protocol/answers';
import type { ProcessingActor } from '../../../common/hub-protocol/processing-record';
import { decideIdentity, probeVector, assertDescriptor, type DecisionPolicy, type IdentifyDecision } from '../../../common/face/matching';
import type { GalleryStore, ConsentRecord, TemplateInfo } from './gallery-store';
import type { HallTemplateCodec } from './hall-template-codec';
import type { NewProcessingRecord, ProcessingRecord } from './processing-records';
import { assertSubjectId } from './subject-id';
import { TemplateIndex } from './template-index';

/** Payload of the outbox item `face.bound` (HUB-PROTOCOL: template sealed for the hall). */
export interface FaceBoundEvent {
  subject: string;
  /** Sealed with the hall key, `boundAt` in its associated data. */
  template: string;
  shared: true;
  /** When the binding was made (ISO): the hub refuses a binding older than the subject's last deletion. */
  boundAt: string;
  /** face.templateRetentionDays, the period the citizen was told: the hub deletes the binding after so long without use. */
  retentionDays?: number;
}

/** Payload of the outbox item `face.unbound`. */
export interface FaceUnboundEvent {
  subject: string;
}

/** The key subject ids and hall templates are made with, as face.db records it (never the key itself). */
export interface PseudonymKey {
  /** keyFingerprint (main/security/hall-keys.ts). */
  fingerprint: string;
  /** The hall key (shared across the hall), or the terminal's own. */
  hallKey: boolean;
}

/** What the gallery tells the rest of the core (the core wires these to the outbox), and what it asks of it. */
export interface GalleryHooks {
  onBound?(event: FaceBoundEvent): void;
  onUnbound?(event: FaceUnboundEvent): void;
  /**
   * Templates of these subjects were deleted here (by the citizen, staff, retention, a hub command,
   * the hall): the core takes their template copies out of face.bound entries the hub has not taken.
   */
  onDeleted?(subjects: string[]): void;
  /** Processing records were written (face.db); the core hands the new ones to the outbox. */
  onRecords?(): void;
  /** The terminal named in processing records (`terminal.id`). */
  terminalId?(): string;
  /** face.templateRetentionDays, sent with a shared binding. */
  retentionDays?(): number;
  /** The key in force for subject ids and hall templates; face.db keeps the one its bindings were made under. */
  pseudonymKey?(): PseudonymKey;
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
/** An older face.db's list of subjects unbound here and not yet echoed by the hall: turned into tombstones. */
const WITHDRAWN_SUBJECTS = 'withdrawn-subjects';
/** Set while hall puts are skipped (face switched off, or every template deleted by staff); see resumeHallPuts. */
const HALL_PUTS_SKIPPED = 'hall-puts-skipped';
/** When a page of the hall's changes was last applied, or a sync found nothing newer: this terminal follows the hall. */
const HALL_SYNCED_AT = 'hall-synced-at';
/** The PseudonymKey the bindings held here were made under (JSON). */
const PSEUDONYM_KEY = 'pseudonym-key';

const keyName = (k: PseudonymKey) => (k.hallKey ? 'the hall key' : 'this terminal’s own key');

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

  constructor(private readonly deps: FaceGalleryDeps) {
    this.upgradeWithdrawnList();
    // A face.db from before the key was recorded: its bindings are taken to be the key in force's.
    if (this.bindingsKey() === null && deps.store.templateCount() > 0) this.notePseudonymKey();
  }

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
    const keyProblem = this.pseudonymKeyProblem();
    if (keyProblem) throw new Error(keyProblem);
    const template = probeVector(request.template);
    const now = this.deps.clock();
    const boundAt = new Date(now).toISOString();
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
      this.notePseudonymKey();
    });
    index.put(subject, template);
    if (shareConsent) {
      const retentionDays = this.deps.hooks?.retentionDays?.();
      this.deps.hooks?.onBound?.({
        subject,
        template: this.deps.hallCodec.encode(subject, template, boundAt),
        shared: true,
        boundAt,
        ...(retentionDays !== undefined ? { retentionDays } : {}),
      });
    }
    this.deps.hooks?.onRecords?.();
  }

  /**
   * The citizen's own unbinding (with the ID card): template and consents go, and the hall is told
   * whether or not anything was held here (the binding may have been made at another terminal; the
   * hub's deletion is idempotent). A tombstone keeps the hall's copy, sent before the deletion
   * reached the hub or by a hub restored from a backup, from bringing the binding back. True when
   * anything was held here.
   */
  unbind(subject: string): boolean {
    assertSubjectId(subject);
    const { store } = this.deps;
    const now = this.deps.clock();
    const wasShared = store.consentsOf(subject).some((c) => c.kind === 'share') || store.templateInfo(subject)?.origin === 'hall';
    const removed = store.transaction(() => {
      const removed = store.deleteSubject(subject);
      store.addTombstone(subject, now);
      if (!removed) return false;
      this.record({ event: 'consent-withdrawn', subject, detail: { consent: 'store' } }, now);
      if (wasShared) this.record({ event: 'consent-withdrawn', subject, detail: { consent: 'share' } }, now);
      this.record({ event: 'deleted', subject, detail: { by: 'citizen' } }, now);
      return true;
    });
    const unindexed = this.loaded?.remove(subject) ?? false;
    this.deps.hooks?.onUnbound?.({ subject });
    this.deps.hooks?.onDeleted?.([subject]);
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
      // No binding is left: the next one is made under the key then in force.
      store.deleteSyncState(PSEUDONYM_KEY);
    });
    for (const { subject } of subjects) this.loaded?.remove(subject);
    if (subjects.length > 0) {
      this.deps.hooks?.onDeleted?.(subjects.map((s) => s.subject));
      this.deps.hooks?.onRecords?.();
    }
    return subjects.length;
  }

  /** A face.db from before tombstones: its withdrawn subjects become tombstones from now. */
  private upgradeWithdrawnList(): void {
    const { store } = this.deps;
    const raw = store.getSyncState(WITHDRAWN_SUBJECTS);
    if (raw === null) return;
    const now = this.deps.clock();
    store.transaction(() => {
      for (const subject of JSON.parse(raw) as string[]) store.addTombstone(subject, now);
      store.deleteSyncState(WITHDRAWN_SUBJECTS);
    });
  }

  /** When the subject's binding was last deleted here (kept for the retention period); null when none is kept. */
  tombstoneOf(subject: string): number | null {
    return this.deps.store.tombstoneOf(subject);
  }

  // ----- the key of subject ids and hall templates

  /** The key the bindings held here were made under, as recorded; null before the first binding. */
  bindingsKey(): PseudonymKey | null {
    const raw = this.deps.store.getSyncState(PSEUDONYM_KEY);
    return raw === null ? null : (JSON.parse(raw) as PseudonymKey);
  }

  /**
   * Why face use must be refused here, or null: templates are held that were made under another
   * key than the one in force (a hall.key refused, removed, replaced or newly placed). Using the
   * key in force would leave their citizens unrecognised and unable to delete them by ID card.
   */
  pseudonymKeyProblem(): string | null {
    const current = this.deps.hooks?.pseudonymKey?.();
    const recorded = this.bindingsKey();
    if (!current || !recorded || recorded.fingerprint === current.fingerprint) return null;
    const held = this.deps.store.templateCount();
    if (held === 0) return null;
    return (
      `face use is refused on this terminal: the ${held} face template(s) held here were made under ${keyName(recorded)} (fingerprint ${recorded.fingerprint}), ` +
      `but the key in force is ${keyName(current)} (fingerprint ${current.fingerprint}); bindings made now would not match them and their citizens could not delete them by ID card. ` +
      `Put back the key they were made with (hall.key, mode 0600) and restart, or have staff delete every face template on this terminal (staff settings) to start again under the key in force. ` +
      `Meanwhile citizens can still delete their face here by ID card where the earlier key can be read`
    );
  }

  private notePseudonymKey(): void {
    const current = this.deps.hooks?.pseudonymKey?.();
    if (current) this.deps.store.setSyncState(PSEUDONYM_KEY, JSON.stringify(current));
  }

  /** Writes one processing record (inside the caller's transaction). */
  private record(record: NewProcessingRecord, at: number): void {
    this.deps.store.records.add({ ...record, at, terminalId: this.deps.hooks?.terminalId?.() ?? 'unnamed' });
  }

  /**
   * 1:N search; on acceptance the template's last use is recorded (retention), and a use of a
   * template the hall holds is reported to the hub, at most once a day per subject (a `used`
   * processing record): the hub's retention counts from the last use anywhere in the hall.
   */
  identify(descriptor: ArrayLike<number>, policy: DecisionPolicy): IdentifyDecision {
    const probe = probeVector(descriptor);
    const { best, second } = this.index().nearestTwo(probe);
    probe.fill(0); // the caller's descriptor is the caller's to forget; this copy is forgotten here
    const decision = decideIdentity(best, second, policy);
    if (decision.subject) this.noteUse(decision.subject);
    return decision;
  }

  private noteUse(subject: string): void {
    const { store } = this.deps;
    const now = this.deps.clock();
    store.touch(subject, now);
    const info = store.templateInfo(subject);
    if (!info || !this.hallHolds(subject, info)) return;
    if (info.useReportedAt !== null && now - info.useReportedAt < DAY_MS) return;
    store.transaction(() => {
      this.record({ event: 'used', subject, detail: {} }, now);
      store.markUseReported(subject, now);
    });
    this.deps.hooks?.onRecords?.();
  }

  /** The hall holds this template too: a hall copy, or a binding made here and shared. */
  private hallHolds(subject: string, info: TemplateInfo): boolean {
    return info.origin === 'hall' || this.deps.store.consentsOf(subject).some((c) => c.kind === 'share');
  }

  /** A complete gallery sync found nothing newer: this terminal follows the hall's deletions. */
  noteHallSynced(): void {
    this.deps.store.setSyncState(HALL_SYNCED_AT, String(this.deps.clock()));
  }

  /**
   * Removes templates not used here for `retentionDays`; returns how many. A template the hall
   * holds (a hall copy, a binding shared from here) follows the hall instead: the hub deletes it
   * after `retentionDays` without use anywhere in the hall, and its delete reaches this terminal; a
   * local purge never deletes it hall-wide. Only when this terminal has not heard from the hall for
   * the whole period does it purge such a template itself, and it then syncs from scratch at the
   * next pull (which brings back what the hall still holds). Tombstones older than the period go.
   */
  purgeExpired(retentionDays: number): number {
    if (!(retentionDays > 0)) throw new Error('retention must be a positive number of days');
    const { store } = this.deps;
    const cutoff = this.deps.clock() - retentionDays * DAY_MS;
    const syncedAt = store.getSyncState(HALL_SYNCED_AT);
    const followsHall = syncedAt !== null && Number(syncedAt) >= cutoff;
    const gone: string[] = [];
    let hallCopyGone = false;
    for (const subject of store.subjectsUnusedSince(cutoff)) {
      const info = store.templateInfo(subject);
      const hallHeld = info !== null && this.hallHolds(subject, info);
      if (hallHeld && followsHall) continue;
      if (this.remove(subject, 'retention')) {
        gone.push(subject);
        hallCopyGone ||= hallHeld;
      }
    }
    if (hallCopyGone) store.setSyncState(HALL_PUTS_SKIPPED, '1');
    store.purgeTombstonesBefore(cutoff);
    if (gone.length > 0) {
      this.deps.hooks?.onDeleted?.(gone);
      this.deps.hooks?.onRecords?.();
    }
    return gone.length;
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
    this.deps.hooks?.onDeleted?.([parsed.data.subject]);
    if (purged) this.deps.hooks?.onRecords?.();
    return { purged };
  }

  /**
   * Applies one page of `GET v1/gallery` and keeps its cursor, in one transaction: a crash leaves
   * either the whole page applied with its cursor or none of it. A change that is not well formed,
   * or whose template does not open for its subject (and its `boundAt`), is counted and skipped;
   * the others apply. A delete leaves a tombstone; a put bound at or before the subject's tombstone
   * (or, while one is kept, a put that does not say when it was bound) is the hall's copy of a
   * binding deleted since (a late answer, a hub restored from a backup) and is not taken in.
   */
  applyRemoteChanges(response: { cursor: string; changes: unknown[] }, options: ApplyOptions = {}): { applied: number; rejected: number } {
    // Bindings under another key than the one recorded are not mixed in (pseudonymKeyProblem).
    const acceptPuts = (options.acceptPuts ?? true) && this.pseudonymKeyProblem() === null;
    const { store } = this.deps;
    const now = this.deps.clock();
    let applied = 0;
    let rejected = 0;
    let recorded = false;
    const deletedHere: string[] = [];
    const indexed: Array<{ subject: string; template: Float32Array | null }> = [];
    store.transaction(() => {
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
            deletedHere.push(change.subject);
          }
          store.addTombstone(change.subject, now);
          indexed.push({ subject: change.subject, template: null });
          continue;
        }
        if (!acceptPuts) {
          skippedPuts = true;
          continue;
        }
        let template: Float32Array;
        try {
          template = probeVector(this.deps.hallCodec.decode(change.subject, change.template, change.boundAt));
        } catch {
          applied--;
          rejected++;
          continue;
        }
        const tombstone = store.tombstoneOf(change.subject);
        if (tombstone !== null && (change.boundAt === undefined || Date.parse(change.boundAt) <= tombstone)) {
          template.fill(0);
          continue;
        }
        // Our own binding echoed back by the hub: the local one (with its consents) stays.
        if (store.templateInfo(change.subject)?.origin === 'local') continue;
        store.putTemplate({ subject: change.subject, template, origin: 'hall', now });
        this.record({ event: 'received', subject: change.subject, detail: {} }, now);
        recorded = true;
        this.notePseudonymKey();
        indexed.push({ subject: change.subject, template });
      }
      store.setSyncState(GALLERY_CURSOR, response.cursor);
      store.setSyncState(HALL_SYNCED_AT, String(now));
      if (skippedPuts) store.setSyncState(HALL_PUTS_SKIPPED, '1');
    });
    // The index follows only what was committed.
    for (const { subject, template } of indexed) {
      if (template === null) this.loaded?.remove(subject);
      else this.loaded?.put(subject, template);
    }
    if (deletedHere.length > 0) this.deps.hooks?.onDeleted?.(deletedHere);
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

  /**
   * Deletes one subject's template and consents, with its processing record; true when anything
   * was held. A hub command's purge leaves a tombstone (the subject is gone from the hall); a
   * retention purge does not (the hall may still hold the binding, and a sync from scratch may
   * bring it back).
   */
  private remove(subject: string, by: ProcessingActor): boolean {
    const now = this.deps.clock();
    const removed = this.deps.store.transaction(() => {
      const removed = this.deps.store.deleteSubject(subject);
      if (by === 'hub-command') this.deps.store.addTombstone(subject, now);
      if (removed) this.record({ event: by === 'retention' || by === 'hub-command' ? 'purged' : 'deleted', subject, detail: { by } }, now);
      return removed;
    });
    const unindexed = this.loaded?.remove(subject) ?? false;
    return removed || unindexed;
  }
}
