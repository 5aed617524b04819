import { maskIdNumber, maskName } from '../../../common/privacy/mask';
import type { CardType, IdCardRecord } from '../../../devices/id-card/card-parser';

/** What the renderer may see of the identity: display data only, never the full record. */
export interface IdentityDisplay {
  cardType: CardType;
  /** `张*三` */
  nameMasked: string;
  /** `3101**********1234` */
  idNumberMasked: string;
  genderLabel: string;
  expired: boolean;
  idNumberValid: boolean;
}

/** Payload of the identity RPC event: an identity was read, or the session's identity was cleared. */
export type IdentityEvent = { kind: 'identified'; identity: IdentityDisplay } | { kind: 'cleared' };

/** The part of the ID card reader the service needs (IdCardReader satisfies it). */
export interface CardReadSource {
  on(event: 'card-read', listener: (record: IdCardRecord) => void): unknown;
  off(event: 'card-read', listener: (record: IdCardRecord) => void): unknown;
}

export function identityDisplay(record: IdCardRecord): IdentityDisplay {
  return {
    cardType: record.cardType,
    nameMasked: maskName(record.name),
    idNumberMasked: maskIdNumber(record.idNumber),
    genderLabel: record.gender.label,
    expired: record.expired,
    idNumberValid: record.idNumberValid,
  };
}

/**
 * Turns a card read into the session's identity. The full record stays here, in the core (for
 * auto-filled forms, face binding); only `IdentityDisplay` is published. The identity lasts until
 * `reset()` (end of session, idle timeout), not until the card leaves the reader: a citizen takes
 * the card back and carries on.
 */
export class IdentityService {
  private record: IdCardRecord | null = null;
  private readonly onRead = (record: IdCardRecord) => {
    this.beforeIdentify?.(record);
    this.identify(record);
  };

  constructor(
    private readonly reader: CardReadSource,
    private readonly publish: (event: IdentityEvent) => void,
    /** Runs before a read becomes the identity (the core ends another citizen's session here). */
    private readonly beforeIdentify?: (record: IdCardRecord) => void,
  ) {
    reader.on('card-read', this.onRead);
  }

  /** The full record of the current session's citizen; null when nobody is identified. */
  current(): IdCardRecord | null {
    return this.record;
  }

  currentDisplay(): IdentityDisplay | null {
    return this.record ? identityDisplay(this.record) : null;
  }

  identify(record: IdCardRecord): void {
    this.record = record;
    this.publish({ kind: 'identified', identity: identityDisplay(record) });
  }

  /** Forgets the identity (session reset); publishes 'cleared' only if there was one. */
  reset(): void {
    if (!this.record) return;
    this.record = null;
    this.publish({ kind: 'cleared' });
  }

  dispose(): void {
    this.reader.off('card-read', this.onRead);
    this.record = null;
  }
}
