import { describeSw3 } from './sam-protocol';

export type SamErrorKind = 'timeout' | 'checksum' | 'status' | 'unexpected' | 'disconnected';

/** A failed exchange with the reader; the message says what went wrong in a technician's words. */
export class SamError extends Error {
  override name = 'SamError';
  constructor(
    readonly kind: SamErrorKind,
    message: string,
    readonly sw3?: number,
  ) {
    super(message);
  }

  static status(commandName: string, sw3: number): SamError {
    return new SamError('status', `${commandName}: ${describeSw3(sw3)}`, sw3);
  }
}
