import type { Outbox } from '../../../offline-queue/outbox';
import type { HubClient } from '../../../offline-queue/hub-client';
import { readHubAnswer } from '../../../offline-queue/hub-answers';
import { galleryAnswerSchema } from '../../../common/hub-protocol/answers';
import { processingRecordPayload } from '../../face/gallery/processing-records';
import type { FaceBoundEvent, FaceUnboundEvent } from '../../face/gallery/face-gallery';
import type { Clock } from '../../../base/clock';
import type { ConfigStore } from '../../config/config-store';
import type { Logger } from '../../logging/logger';
import type { FaceGalleryEvents, FaceServicesAccess } from './face-services-access';

const DAY_MS = 24 * 3600_000;
const HOUR_MS = 3600_000;
const GALLERY_PULL_MS = 60_000;
/** Pages of GET v1/gallery one sync takes at most (500 changes each); the rest waits for the next. */
const MAX_GALLERY_PAGES = 50;
/** Processing records handed to the outbox per pass. */
const RECORD_BATCH = 200;

/** What one gallery sync did (FaceService.syncGallery). */
export interface GallerySyncResult {
  /** Pages read; 0 when there is no gallery or no hub. */
  pages: number;
  applied: number;
  rejected: number;
  /** The hub answered every page and had nothing more: every change up to now is applied (and, by the last request's cursor, confirmed). */
  complete: boolean;
}

export interface FaceGalleryUpkeepDeps {
  logger: Logger;
  clock: Clock;
  config: Pick<ConfigStore, 'config'>;
  outbox?: Pick<Outbox, 'enqueue' | 'withdrawFaceTemplates'>;
  hubClient?: Pick<HubClient, 'get'>;
}

/**
 * Keeps face.db and the hall in step, with face switched off too: binding changes and processing
 * records queued for the hub, the hall's gallery changes pulled, the retention purges.
 */
export class FaceGalleryUpkeep implements FaceGalleryEvents {
  private access: FaceServicesAccess | null = null;
  private timers: NodeJS.Timeout[] = [];
  /** Gallery syncs run one at a time (the timer's and a caller's). */
  private gallerySyncs: Promise<unknown> = Promise.resolve();
  /** Between start and stop: a sync queued before stop does not reopen face.db after it. */
  private running = false;
  /** Whether the last face.unbound the gallery asked for was queued (face.unbind's answer). */
  private unboundQueued: boolean | null = null;

  constructor(private readonly deps: FaceGalleryUpkeepDeps) {}

  /** The face services it keeps (they call back here, so they are made after it). */
  attach(access: FaceServicesAccess): void {
    this.access = access;
  }

  private get faces(): FaceServicesAccess {
    if (!this.access) throw new Error('face gallery upkeep used before its face services were attached');
    return this.access;
  }

  onBound(event: FaceBoundEvent): void {
    void this.enqueue('face.bound', { ...event });
  }

  onUnbound(event: FaceUnboundEvent): void {
    this.unboundQueued = this.enqueue('face.unbound', { ...event });
  }

  /** A binding deleted here: its template leaves the face.bound entries the hub has not taken (offline-queue/outbox.ts). */
  onDeleted(subjects: string[]): void {
    try {
      const withdrawn = this.deps.outbox?.withdrawFaceTemplates(subjects) ?? 0;
      if (withdrawn > 0) this.deps.logger.info({ withdrawn }, 'face templates of deleted bindings taken out of unsent outbox entries');
    } catch (err) {
      this.deps.logger.error({ err }, 'face templates of deleted bindings not taken out of the outbox');
    }
  }

  onRecords(): void {
    this.flushRecords();
  }

  /**
   * Tells the hall that a subject's binding was deleted: through the gallery when face.db is open
   * (its onUnbound hook queues it), else queued here. True when face.unbound was queued.
   */
  tellUnbound(subject: string, unbindHere: (() => boolean) | null): { removed: boolean; queued: boolean } {
    this.unboundQueued = null;
    let removed = false;
    if (unbindHere) removed = unbindHere();
    else this.unboundQueued = this.enqueue('face.unbound', { subject });
    return { removed, queued: this.unboundQueued === true };
  }

  /** Hands the processing records not yet queued to the outbox (the hub keeps one per record id, so a repeat after a crash is harmless). */
  flushRecords(): void {
    const outbox = this.deps.outbox;
    const services = this.faces.current;
    if (!outbox || !services) return;
    try {
      for (;;) {
        const batch = services.store.records.unqueued(RECORD_BATCH);
        for (const record of batch) {
          outbox.enqueue('face.processing-record', { ...processingRecordPayload(record) });
          services.store.records.markQueued(record.id, this.deps.clock.now());
        }
        if (batch.length < RECORD_BATCH) return;
      }
    } catch (err) {
      this.deps.logger.error({ err }, 'face processing records not queued for the hub; they are tried again within the hour');
    }
  }

  /** The hub's purge-subject command; runs with face switched off too (the gallery is opened for it). */
  purgeSubject(subject: string): void {
    this.faces.opened()?.gallery.handlePurgeSubject({ subject });
  }

  /**
   * The retention purges: templates unused for `face.templateRetentionDays`, processing records
   * older than `retention.processingRecordDays`. Daily, and with face switched off too.
   */
  purgeExpired(): { templates: number; records: number } {
    const services = this.faces.opened();
    if (!services) return { templates: 0, records: 0 };
    const config = this.deps.config.config;
    const templates = services.gallery.purgeExpired(config.face.templateRetentionDays);
    const records = services.gallery.purgeProcessingRecords(config.retention.processingRecordDays);
    if (templates > 0) this.deps.logger.info({ removed: templates }, 'face templates unused past their retention purged');
    if (records > 0) this.deps.logger.info({ removed: records }, 'face processing records past their retention purged');
    return { templates, records };
  }

  /** Retention daily, records hourly, the hall's gallery every minute; each once now. */
  start(): void {
    this.running = true;
    const housekeeping = () => {
      try {
        this.purgeExpired();
      } catch (err) {
        this.deps.logger.error({ err }, 'face retention purge failed');
      }
    };
    housekeeping();
    this.timers.push(setInterval(housekeeping, DAY_MS));
    this.flushRecords();
    this.timers.push(setInterval(() => this.flushRecords(), HOUR_MS));
    if (this.deps.hubClient) {
      void this.syncGallery();
      this.timers.push(setInterval(() => void this.syncGallery(), GALLERY_PULL_MS));
    }
    for (const t of this.timers) t.unref();
  }

  stop(): void {
    this.running = false;
    for (const t of this.timers) clearTimeout(t);
    this.timers = [];
  }

  /**
   * Pulls the hall's gallery changes (GET v1/gallery) page by page until the hub has nothing newer,
   * each page applied with its cursor in one transaction. The last request carries the final
   * cursor, which is how the hub learns that this terminal applied every deletion before it
   * (docs/hub-protocol.md §6). With face switched off, deletions apply and new bindings are not
   * taken in. One sync at a time; a call during a sync runs after it.
   */
  syncGallery(): Promise<GallerySyncResult> {
    const run = this.gallerySyncs.then(() => this.pullGalleryPages());
    this.gallerySyncs = run.catch(() => undefined);
    return run;
  }

  private async pullGalleryPages(): Promise<GallerySyncResult> {
    const result: GallerySyncResult = { pages: 0, applied: 0, rejected: 0, complete: false };
    const client = this.deps.hubClient;
    const services = client && this.running ? this.faces.opened() : null;
    if (!services || !client) return result;
    const { logger } = this.deps;
    // Not while bindings under another key are held (pseudonymKeyProblem): the hall's are taken in once that is resolved.
    const acceptPuts = this.deps.config.config.face.enabled && services.gallery.pseudonymKeyProblem() === null;
    if (acceptPuts && services.gallery.resumeHallPuts()) logger.info('hall face bindings to be synced from scratch');
    try {
      while (result.pages < MAX_GALLERY_PAGES) {
        const since = services.gallery.galleryCursor();
        const r = readHubAnswer(
          await client.get(`v1/gallery${since ? `?since=${encodeURIComponent(since)}` : ''}`),
          galleryAnswerSchema,
          'GET v1/gallery',
          logger,
        );
        if (r.kind !== 'answer' || this.faces.current !== services) break; // hub unavailable, or stopped meanwhile
        result.pages++;
        const advanced = r.value.cursor !== (since ?? '0');
        if (!advanced && r.value.changes.length === 0) {
          result.complete = true;
          services.gallery.noteHallSynced();
          break;
        }
        const page = services.gallery.applyRemoteChanges(r.value, { acceptPuts });
        result.applied += page.applied;
        result.rejected += page.rejected;
        if (!advanced) break; // a hub that repeats its cursor: not asked again until the next sync
      }
    } catch (err) {
      logger.warn({ err }, 'hall face bindings not applied');
    }
    if (result.applied || result.rejected) logger.info({ applied: result.applied, rejected: result.rejected }, 'hall face bindings applied');
    return result;
  }

  /** True when the entry was queued for the hall. */
  private enqueue(kind: 'face.bound' | 'face.unbound', payload: Record<string, unknown>): boolean {
    try {
      if (!this.deps.outbox) return false;
      this.deps.outbox.enqueue(kind, payload);
      return true;
    } catch (err) {
      this.deps.logger.error({ err, kind }, 'face binding change not queued for the hall');
      return false;
    }
  }
}
