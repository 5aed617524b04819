import { RpcError } from '../../../common/rpc/errors';
import { SubjectIdDeriver } from '../../face/gallery/subject-id';
import type { KeyProvider } from '../../../base/key-provider';
import type { IdCardService } from '../devices/id-card-service';
import type { FaceService } from '../face/face-service';

/**
 * The pseudonymous subject id of the session's citizen (for tickets, results, evaluations): from
 * the ID card read, or from the face identified. Hall-wide: the same citizen, the same id on every
 * terminal of the hall; the id reveals nothing of the ID number. `hallKeys`: HallKeys.keys (the hall
 * key when one is in force, else the terminal's own).
 */
export class SessionSubject {
  private readonly subjects: SubjectIdDeriver;

  constructor(
    hallKeys: KeyProvider,
    private readonly idCard: IdCardService,
    private readonly face?: FaceService,
  ) {
    this.subjects = new SubjectIdDeriver(hallKeys);
  }

  current(): string | null {
    const card = this.idCard.currentIdentity;
    return card ? this.subjects.subjectFor(card.idNumber) : (this.face?.identifiedSubject ?? null);
  }
}

/** The answer to a service that needs the citizen identified when nobody is. */
export function identityRequired(what: string): RpcError {
  return new RpcError('forbidden', `${what} needs the citizen identified`, {
    citizenMessage: { 'zh-CN': '办理此业务请先放置身份证', 'zh-HK': '辦理此業務請先放置身份證', en: 'Please place your ID card on the reader first' },
  });
}
