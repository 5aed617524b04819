import { randomUUID } from 'node:crypto';
import { RpcError } from '../../../common/rpc/errors';
import type { RpcOutput } from '../../../common/rpc/contract';
import { NOTICE_CHANGED_PATH } from '../../../common/rpc/contract';
import type { Clock } from '../../../base/clock';
import type { ConfigStore } from '../../config/config-store';
import type { Logger } from '../../logging/logger';
import type { FaceAttempt, FaceFlowView, LivenessAttempt } from '../../face/face-flow';
import { LivenessAttempts, TerminalLivenessGuard } from '../../face/liveness-attempts';
import { FACE_PAUSED, FACE_USE_OVER } from '../../face/messages';
import type { ParsedInput } from '../rpc/parsed-input';
import type { EventBus } from '../rpc/event-bus';
import type { IdCardService } from '../devices/id-card-service';
import { CallSession } from '../session/call-session';
import type { SessionService } from '../session/session-service';
import { consentTextId } from './face-notice-facts';
import type { FaceServicesAccess } from './face-services-access';
import type { FaceBinding } from './face-binding';
import { frameOf } from './camera-frame';

export interface FaceCameraDeps {
  logger: Logger;
  clock: Clock;
  config: Pick<ConfigStore, 'config'>;
  session: Pick<SessionService, 'sessionId'>;
  events: Pick<EventBus, 'publish'>;
  idCard: Pick<IdCardService, 'currentIdentity'>;
  faces: FaceServicesAccess;
  binding: FaceBinding;
  /** The hash of the face notice's facts in force (face.notice). */
  noticeFactsHash: () => string;
  /** Sharing is offered and can work (the hall key is in force). */
  sharingOffered: () => boolean;
}

/**
 * The camera attempts of 刷脸办事: one at a time, binding or identifying, with the failed liveness
 * checks counted for the session and the terminal; the subject identified stays here.
 */
export class FaceCamera {
  private flow: { id: string; flow: FaceAttempt; mode: 'identify' | 'bind' } | null = null;
  private faceSubject: string | null = null;
  /** Failed liveness checks in a row this session: after three, face.start is refused until the session is reset. */
  private readonly livenessAttempts = new LivenessAttempts();
  private readonly terminalGuard: TerminalLivenessGuard;

  constructor(private readonly deps: FaceCameraDeps) {
    this.terminalGuard = new TerminalLivenessGuard(() => deps.clock.now());
  }

  /** The subject identified by face in this session. */
  get identifiedSubject(): string | null {
    return this.faceSubject;
  }

  async start(input: ParsedInput<'face.start'>): Promise<RpcOutput<'face.start'>> {
    const { faces, binding } = this.deps;
    const services = faces.requireEnabled();
    // Bindings made under another key than the one in force: face use is refused rather than orphaning them (hall-keys.ts).
    const keyProblem = services.gallery.pseudonymKeyProblem();
    if (keyProblem) throw new RpcError('unavailable', keyProblem);
    await this.cancelFlow();
    if (this.livenessAttempts.over) {
      throw new RpcError('forbidden', 'face use has ended for this session after failed liveness checks', { citizenMessage: FACE_USE_OVER });
    }
    const pausedUntil = this.terminalGuard.pausedUntilTime();
    if (pausedUntil !== null) {
      throw new RpcError(
        'forbidden',
        `face use is paused on this terminal until ${new Date(pausedUntil).toISOString()} after repeated failed liveness checks`,
        { citizenMessage: FACE_PAUSED },
      );
    }
    // The notice the citizen read must be the one in force: its facts may have changed meanwhile
    // (settings, the hall key, the hub); the screen then shows the notice again.
    if (input.notice && input.notice.factsHash !== this.deps.noticeFactsHash()) {
      throw new RpcError('conflict', 'the face notice changed since it was shown: show it again before the camera opens', {
        issues: [{ path: NOTICE_CHANGED_PATH, message: 'does not match the facts of the notice in force' }],
      });
    }
    if (input.mode === 'bind') {
      const card = this.deps.idCard.currentIdentity;
      if (!card) throw new RpcError('not-ready', 'binding a face needs the ID card read first');
      const refusal = binding.refusal(card, services);
      if (refusal) throw new RpcError('forbidden', refusal.reason, { citizenMessage: refusal.text });
      // Shared only where sharing can work: no share consent is taken without the hall key.
      const shareConsent =
        this.deps.sharingOffered() && input.shareConsent ? { textVersion: consentTextId(input.shareConsent.textVersion, input.notice) } : null;
      // The consent record says which notice was accepted: wording, language and facts.
      const storeConsent = { textVersion: consentTextId(input.storeConsent.textVersion, input.notice) };
      const subject = services.subjectIds.subjectFor(card.idNumber);
      const holder = binding.holderVerification(services, subject, card);
      this.flow = { id: randomUUID(), mode: 'bind', flow: services.startFlow({ kind: 'bind', subject, storeConsent, shareConsent, holder }) };
    } else {
      this.flow = {
        id: randomUUID(),
        mode: 'identify',
        flow: services.startFlow({ kind: 'identify', liveness: this.deps.config.config.face.identifyLiveness }),
      };
    }
    this.deps.logger.info({ mode: input.mode }, 'face session started');
    return { sessionId: this.flow.id };
  }

  async frame({ sessionId, jpegBase64 }: ParsedInput<'face.frame'>): Promise<RpcOutput<'face.frame'>> {
    // Staff may switch face off while a citizen is at the camera: no frame is looked at after that.
    if (!this.deps.config.config.face.enabled) {
      await this.cancelFlow();
      throw new RpcError('unavailable', 'face identification is switched off on this terminal');
    }
    const current = this.flow;
    if (!current || current.id !== sessionId) throw new RpcError('conflict', 'this face session has ended');
    const call = new CallSession(this.deps.session, 'face.frame');
    const view = await current.flow.submitFrame(frameOf(jpegBase64)).catch((err: Error) => {
      throw new RpcError('invalid-input', `camera frame not usable: ${err.message}`);
    });
    // Ended (or cancelled) while the engine looked at the frame: a face identified now would
    // become the next session's citizen.
    call.stillCurrent();
    if (this.flow !== current) throw new RpcError('conflict', 'this face session has ended');
    if (current.flow.finished) this.finish(current, view.result);
    if (view.result?.kind === 'failed' && this.livenessAttempts.over) return { ...view, result: { ...view.result, text: FACE_USE_OVER } };
    return view;
  }

  async cancel({ sessionId }: ParsedInput<'face.cancel'>): Promise<RpcOutput<'face.cancel'>> {
    if (this.flow?.id === sessionId) await this.cancelFlow();
    return {};
  }

  /** Face switched off: the attempt in progress ends at once. True when there was one. */
  endForSwitchOff(): boolean {
    if (!this.flow) return false;
    void this.cancelFlow();
    return true;
  }

  /** The core stops: the attempt in progress ends, counting nowhere. */
  close(): void {
    this.flow?.flow.cancel();
    this.flow = null;
  }

  forgetSession(): void {
    // An attempt abandoned by ending the session still counts on the terminal.
    if (this.flow) {
      this.flow.flow.cancel();
      this.terminalGuard.record(this.flow.flow.livenessAttempt);
    }
    this.flow = null;
    this.livenessAttempts.reset();
    this.faceSubject = null;
  }

  private finish(current: { flow: FaceAttempt; mode: 'identify' | 'bind' }, result: FaceFlowView['result']): void {
    this.deps.logger.info(
      { mode: current.mode, result: result?.kind ?? 'failed', ...(result?.kind === 'failed' ? { reason: result.reason } : {}) },
      'face session ended',
    );
    // Liveness passed, but a face that is not the card holder's must not start the session's count
    // of failed attempts again: it counts as one (on the terminal, only liveness failures count).
    if (result?.kind === 'failed' && result.reason === 'holder-mismatch') this.livenessAttempts.record('failed');
    else this.recordAttempt(current.flow.livenessAttempt);
    if (current.mode === 'identify' && current.flow.outcome.subject) {
      this.faceSubject = current.flow.outcome.subject;
      this.deps.events.publish('identity.changed', { kind: 'face-identified' });
    }
    this.flow = null;
  }

  /** Ends the attempt in progress: a holder check or frame it still awaits binds and identifies nothing. */
  private async cancelFlow(): Promise<void> {
    if (this.flow) {
      this.flow.flow.cancel();
      this.recordAttempt(this.flow.flow.livenessAttempt);
    }
    this.flow = null;
  }

  private recordAttempt(attempt: LivenessAttempt): void {
    this.livenessAttempts.record(attempt);
    if (this.terminalGuard.record(attempt)) {
      this.deps.logger.warn(
        { pausedUntil: new Date(this.terminalGuard.pausedUntilTime()!).toISOString() },
        'face use paused on this terminal after repeated failed liveness checks',
      );
    }
  }
}
