import type { KioskConfig } from '../../../common/config/schema';
import { IdCardReader, type ReaderStatus } from '../../../devices/id-card/id-card-reader';
import type { IdCardRecord } from '../../../devices/id-card/card-parser';
import { SerialPortTransport } from '../../../devices/serial/serial-port-transport';
import { IdentityService, type IdentityEvent } from '../identity/identity-service';
import type { KioskCoreContext } from '../create-kiosk-core';
import { DeviceService, nextEvent, type PortResolver } from './device-service';

export type { PortResolver } from './device-service';

/**
 * The ID card reader inside the core: turns reads into the session's identity (published masked),
 * reports the reader's state, and forgets the identity on session reset.
 */
export class IdCardService extends DeviceService<IdCardReader> {
  readonly name = 'ID card reader';
  private identity: IdentityService | null = null;

  constructor(ctx: KioskCoreContext, portOf: PortResolver) {
    super(ctx, portOf, 'idCard');
    ctx.session.onReset(() => this.identity?.reset());
  }

  /** The full record of the session's citizen, for services inside the core only. */
  get currentIdentity(): IdCardRecord | null {
    return this.identity?.current() ?? null;
  }

  /** The next card read (technician test), or null after timeoutMs. */
  waitForRead(timeoutMs: number): Promise<IdCardRecord | null> {
    return nextEvent<IdCardRecord>(this.driver, 'card-read', timeoutMs);
  }


  protected createDriver(port: string, settings: KioskConfig['devices']['idCard']): IdCardReader {
    const reader = new IdCardReader({
      transportFactory: () => new SerialPortTransport({ path: port, baudRate: settings.baudRate }),
      pollIntervalMs: settings.pollIntervalMs,
    });
    // The reader keeps its last error after recovering; the registry keeps it as lastError, and
    // the state's detail only explains a state that is not ready.
    reader.on('status', (s: ReaderStatus) =>
      this.ctx.devices.set('idCard', s.state, s.state === 'ready' || s.state === 'reading' ? undefined : s.lastError?.message),
    );
    this.identity = new IdentityService(reader, (event: IdentityEvent) => {
      if (event.kind === 'identified') this.ctx.logger.info({ cardType: event.identity.cardType, idNumber: event.identity.idNumberMasked }, 'card read');
      this.ctx.events.publish('identity.changed', event);
    });
    return reader;
  }

  protected override beforeStop(): void {
    this.identity?.dispose();
    this.identity = null;
  }
}
