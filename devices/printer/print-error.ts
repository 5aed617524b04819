import type { Language } from '../../common/i18n/languages';
import { citizenMessage, technicianDetail, type PrinterPurpose } from './messages';
import type { NotReadyReason, PrinterStatus, StatusBytes } from './status';

export type PrintFailureReason = NotReadyReason | 'disconnected' | 'write-failed';

/** `before`: refused, no byte of the job was sent. `during`/`after`: the job may be incomplete. */
export type PrintFailurePhase = 'before' | 'during' | 'after';

/** A job the printer refused or did not finish cleanly, with what to tell whom. */
export class PrintError extends Error {
  constructor(
    readonly reason: PrintFailureReason,
    readonly phase: PrintFailurePhase,
    readonly detail: string,
    readonly status?: PrinterStatus,
    readonly statusBytes?: StatusBytes,
  ) {
    super(`printer ${phase === 'before' ? 'refused the job' : `failed ${phase} the job`}: ${reason} (${detail})`);
  }

  static of(reason: PrintFailureReason, phase: PrintFailurePhase, status?: { status: PrinterStatus; bytes: StatusBytes }, extra?: string): PrintError {
    return new PrintError(reason, phase, technicianDetail(reason, status?.bytes, extra), status?.status, status?.bytes);
  }

  citizenMessage(lang: Language, purpose: PrinterPurpose = 'receipt'): string {
    return citizenMessage(this.reason, lang, purpose);
  }
}
