import type { HubClient } from '../../../offline-queue/hub-client';
import type { IdCardRecord, PhotoDecoder } from '../../../devices/id-card/card-parser';
import type { LocalizedText } from '../../../common/i18n/languages';
import { BINDING_HOLDER_POLICY } from '../../../common/face/decision-policy';
import type { Clock } from '../../../base/clock';
import type { ConfigStore } from '../../config/config-store';
import type { Logger } from '../../logging/logger';
import { keyFingerprint, type HallKeys } from '../../security/hall-keys';
import type { FaceServices } from '../../face/face-services';
import { SubjectIdDeriver } from '../../face/gallery/subject-id';
import { deletionSentence } from '../../face/gallery/deletion-messages';
import { HOLDER_LOCKED, HOLDER_MISMATCH_LIMIT, bindingLockedUntil } from '../../face/verification/holder-mismatches';
import { checkAgainstCardPhoto, checkWithHub, type HolderVerdict, type HolderVerification } from '../../face/verification/holder-check';
import { isUnderAge } from '../../face/verification/child-rule';
import { CHILD_NOT_BOUND } from '../../face/verification/messages';
import { hallLogDay } from '../../logging/daily-log-file';
import { CallSession } from '../session/call-session';
import type { SessionService } from '../session/session-service';
import type { FaceGalleryUpkeep } from './face-gallery-upkeep';

/** How long a binding's hub check waits for the references being prepared (embedded hub) before asking anyway. */
const PREPARE_WAIT_MS = 60_000;

export interface FaceBindingRefusal {
  refusal: 'under-14' | 'holder-mismatch';
  text: LocalizedText;
  reason: string;
}

export interface FaceBindingDeps {
  logger: Logger;
  clock: Clock;
  config: Pick<ConfigStore, 'config'>;
  session: Pick<SessionService, 'sessionId'>;
  hallKeys: HallKeys;
  hubClient?: Pick<HubClient, 'verifyFace'>;
  cardPhotoDecoder?: PhotoDecoder | null;
  prepareHolderCheck?: () => Promise<void>;
  upkeep: Pick<FaceGalleryUpkeep, 'tellUnbound' | 'flushRecords'>;
}

/**
 * Who may bind a face and who deletes one: the under-14 rule, 人证核验 (the face against the card
 * holder's) with its mismatch limit, and a citizen's deletion here and in the hall.
 */
export class FaceBinding {
  /** 人证核验 mismatches this session: at HOLDER_MISMATCH_LIMIT, binding is refused until the session is reset. */
  private sessionHolderMismatches = 0;

  constructor(private readonly deps: FaceBindingDeps) {}

  /** How 人证核验 is made here: against the card's photo (a WLT decoder), by the hub, or not at all. */
  holderCheckMethod(): 'card-photo' | 'hub' | null {
    return this.deps.cardPhotoDecoder ? 'card-photo' : this.deps.hubClient ? 'hub' : null;
  }

  forgetSession(): void {
    this.sessionHolderMismatches = 0;
  }

  /**
   * Why this card's citizen may not bind a face now, or null: under 14, or the face did not match
   * the card HOLDER_MISMATCH_LIMIT times (in this session, or for this card within a day: the
   * holder-check records in face.db, which a restart keeps).
   */
  refusal(card: IdCardRecord, services: FaceServices | null): FaceBindingRefusal | null {
    // Under 14 on the hall's calendar (the hall clock, as the printed tickets): no face binding (PIPL art. 31).
    if (isUnderAge(card.birthDate, hallLogDay(this.deps.clock.now(), this.deps.config.config.terminal.timeZone))) {
      return { refusal: 'under-14', text: CHILD_NOT_BOUND, reason: 'the card says its holder is under 14: no face is bound for a child here' };
    }
    if (this.sessionHolderMismatches >= HOLDER_MISMATCH_LIMIT) {
      return {
        refusal: 'holder-mismatch',
        text: HOLDER_LOCKED,
        reason: `the face did not match the card ${this.sessionHolderMismatches} times in this session: no binding until the session ends`,
      };
    }
    if (!services) return null;
    const subject = services.subjectIds.subjectFor(card.idNumber);
    const mismatches = services.store.records
      .ofSubject(subject)
      .filter((r) => r.event === 'holder-checked' && r.detail.result === 'no-match')
      .map((r) => r.at);
    const until = bindingLockedUntil(mismatches, this.deps.clock.now());
    if (until === null) return null;
    return {
      refusal: 'holder-mismatch',
      text: HOLDER_LOCKED,
      reason: `the face did not match this card ${HOLDER_MISMATCH_LIMIT} times within a day: no binding for it until ${new Date(until).toISOString()}`,
    };
  }

  /**
   * 人证核验 for one binding: against the card's photo when a WLT decoder is configured, else by the
   * hub. A check that ends after the citizen's session did is not a match (nothing is stored for a
   * session that is over).
   */
  holderVerification(services: FaceServices, subject: string, card: IdCardRecord): HolderVerification {
    const { cardPhotoDecoder: decoder, hubClient, prepareHolderCheck, logger } = this.deps;
    const wlt = Uint8Array.from(card.photo.wlt);
    const call = new CallSession(this.deps.session, 'face binding');
    // Only where the hub will be asked: with a card photo decoder its references are not needed.
    const prepared = decoder
      ? undefined
      : prepareHolderCheck?.().catch((err: unknown) => logger.warn({ err }, 'reference faces for the hub check not prepared'));
    return async (template) => {
      let verdict: HolderVerdict;
      // Stricter than 1:1 verify: a binding opens the card's services to this face (holder-mismatches.ts).
      if (decoder) verdict = await checkAgainstCardPhoto({ decoder, pipeline: services.pipeline, policy: BINDING_HOLDER_POLICY }, wlt, template);
      else if (hubClient) {
        await waitAtMost(prepared, PREPARE_WAIT_MS);
        verdict = await checkWithHub(hubClient, subject, template);
      } else verdict = { check: 'unavailable', detail: 'no card photo decoder and no hub to check with' };
      wlt.fill(0);
      const method = decoder ? 'card-photo' : hubClient ? 'hub' : null;
      if (method) this.recordHolderCheck(services, subject, method, verdict.check);
      if (verdict.check === 'no-match' && !call.ended) this.sessionHolderMismatches++;
      if (call.ended) verdict = { check: 'unavailable', detail: 'the session ended during the check' };
      logger.info({ check: verdict.check, detail: verdict.detail }, 'face binding: holder check (人证核验)');
      return verdict;
    };
  }

  /**
   * The subject ids a card's citizen may have here: under the key in force, and under an earlier
   * key (HallKeys.formerKeys) whose fingerprint is the one face.db's bindings were made under, so
   * that a citizen can delete a binding made before the key changed (pseudonymKeyProblem).
   */
  subjectsOfCard(idNumber: string, services: FaceServices | null): string[] {
    const { hallKeys } = this.deps;
    const inForce = services ? services.subjectIds.subjectFor(idNumber) : new SubjectIdDeriver(hallKeys.keys).subjectFor(idNumber);
    const recorded = services?.gallery.bindingsKey()?.fingerprint;
    const former = (hallKeys.formerKeys ?? []).filter((k) => recorded !== undefined && keyFingerprint(k) === recorded);
    return [...new Set([inForce, ...former.map((k) => new SubjectIdDeriver(k).subjectFor(idNumber))])];
  }

  /**
   * The card's citizen deletes their face: here (when face.db is open) and, through the outbox,
   * at every terminal of the hall (the hub's deletion is idempotent).
   */
  unbind(card: IdCardRecord, services: FaceServices | null): { removed: boolean; hallNotified: boolean; text: LocalizedText } {
    let removed = false;
    let hallNotified = true;
    for (const subject of this.subjectsOfCard(card.idNumber, services)) {
      const told = this.deps.upkeep.tellUnbound(subject, services ? () => services.gallery.unbind(subject) : null);
      removed = told.removed || removed;
      hallNotified &&= told.queued;
    }
    this.deps.logger.info({ removed, hallNotified }, 'face binding deleted by the citizen');
    const { hallKeys } = this.deps;
    return { removed, hallNotified, text: deletionSentence(removed, hallKeys.shared || (hallKeys.formerKeys?.length ?? 0) > 0, hallNotified) };
  }

  /**
   * The processing record of one 人证核验 (how, and its outcome; no face data), written whatever
   * became of the session: a mismatch counts against the card even when the citizen left during
   * the check. Never throws: a record that cannot be written is logged.
   */
  private recordHolderCheck(services: FaceServices, subject: string, method: 'card-photo' | 'hub', result: HolderVerdict['check']): void {
    try {
      services.store.records.add({
        event: 'holder-checked',
        subject,
        detail: { method, result },
        at: this.deps.clock.now(),
        terminalId: this.deps.config.config.terminal.id,
      });
      this.deps.upkeep.flushRecords();
    } catch (err) {
      this.deps.logger.error({ err, result }, 'face binding: the holder check’s processing record was not written');
    }
  }
}

/** Resolves when `promise` settles or after `ms`, whichever comes first (never rejects). */
function waitAtMost(promise: Promise<unknown> | undefined, ms: number): Promise<void> {
  if (!promise) return Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise.then(
      () => undefined,
      () => undefined,
    ),
    new Promise<void>((resolve) => {
      timer = setTimeout(resolve, ms);
      timer.unref();
    }),
  ]).finally(() => clearTimeout(timer));
}
