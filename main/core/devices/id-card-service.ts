import { hallDayKey } from '../../../common/time/hall-clock';
import type { KioskConfig } from '../../../common/config/schema';
import { IdCardReader, type CardRejection, type ReaderStatus } from '../../../devices/id-card/id-card-reader';
import type { IdCardRecord } from '../../../devices/id-card/card-parser';
import { SerialPortTransport } from '../../../devices/serial/serial-port-transport';
import type { TransportFactory } from '../../../devices/serial/byte-transport';
import { nodeHidOpener } from '../../../devices/serial/hid-transport';
import { samHidTransport } from '../../../devices/id-card/hid-transport';
import { IdentityService, type IdentityEvent } from '../identity/identity-service';
import type { KioskCoreContext } from '../create-kiosk-core';
import { DeviceService, type PortResolver } from './device-service';
import { nextEvent } from '../../../base/next-event';

export type { PortResolver } from './device-service';

/**
 * The ID card reader inside the core: turns reads into the session's identity (published masked),
 * reports the reader's state, and forgets the identity on session reset.
 */
export class IdCardService extends DeviceService<IdCardReader> {
  readonly name = 'ID card reader';
  private identity: IdentityService | null = null;

  constructor(ctx: KioskCoreContext, portOf: PortResolver, transport?: TransportFactory) {
    super(ctx, portOf, 'idCard', transport);
    ctx.session.onReset(() => this.identity?.reset());
  }

  private readonly otherCitizenChecks: ((record: IdCardRecord) => boolean)[] = [];

  /**
   * Lets a service that identified the citizen another way (face) say whether a card just read
   * belongs to someone else, in which case the session ends before the card becomes its identity.
   */
  onCardOfAnotherCitizen(isOther: (record: IdCardRecord) => boolean): void {
    this.otherCitizenChecks.push(isOther);
  }

  /** The full record of the session's citizen, for services inside the core only. */
  get currentIdentity(): IdCardRecord | null {
    return this.identity?.current() ?? null;
  }

  /** The next card laid on the reader (technician test): read, or refused with the reason; null after timeoutMs. */
  async waitForRead(timeoutMs: number): Promise<{ kind: 'read'; record: IdCardRecord } | { kind: 'rejected'; rejection: CardRejection } | null> {
    const driver = this.driver;
    if (!driver) return null;
    // Whichever comes first (a read, a refusal, the timeout) ends the other wait: no listener
    // or timer outlives the call.
    const done = new AbortController();
    const outcome = await Promise.race([
      nextEvent<IdCardRecord>(driver, 'card-read', timeoutMs, done.signal).then((record) => (record ? { kind: 'read' as const, record } : null)),
      nextEvent<CardRejection>(driver, 'card-rejected', timeoutMs, done.signal).then((rejection) =>
        rejection ? { kind: 'rejected' as const, rejection } : null,
      ),
    ]);
    done.abort();
    return outcome;
  }

  protected portTransport(port: string, settings: KioskConfig['devices']['idCard']): TransportFactory {
    // A USB-HID reader carries the same SAM frames in HID reports (port = its HID device path).
    return () =>
      settings.kind === 'hid'
        ? samHidTransport(nodeHidOpener({ path: port }), `HID ID card reader ${port}`)
        : new SerialPortTransport({ path: port, baudRate: settings.baudRate });
  }

  protected createDriver(transport: TransportFactory, settings: KioskConfig['devices']['idCard']): IdCardReader {
    const reader = new IdCardReader({
      transportFactory: transport,
      pollIntervalMs: settings.pollIntervalMs,
      baudRate: settings.baudRate,
      // Card validity is judged on the hall's calendar, as everything else the terminal dates.
      today: () => hallDayKey(this.ctx.clock.now(), this.ctx.config.config.terminal.timeZone),
    });
    // The reader keeps its last error after recovering; the registry keeps it as lastError, and
    // the state's detail only explains a state that is not ready.
    reader.on('status', (s: ReaderStatus) =>
      this.ctx.devices.set('idCard', s.state, s.state === 'ready' || s.state === 'reading' ? undefined : s.lastError?.message),
    );
    // A refused card is not an identity: the screen tells the citizen to go to a staffed counter.
    // The log gets the reason and the field's name, never its value.
    reader.on('card-rejected', (rejection: CardRejection) => {
      this.ctx.logger.warn({ reason: rejection.reason, field: rejection.field }, 'card refused: its data cannot be a genuine record');
      this.ctx.events.publish('idcard.read-failed', { reason: rejection.reason });
    });
    // A read that broke off halts the card unread: the citizen has to lay it down again.
    reader.on('card-read-lost', () => {
      this.ctx.logger.warn('card read broke off; the citizen is asked to lay the card down again');
      this.ctx.events.publish('idcard.read-failed', { reason: 'read-interrupted' });
    });
    this.identity = new IdentityService(
      reader,
      (event: IdentityEvent) => {
        if (event.kind === 'identified') this.ctx.logger.info({ cardType: event.identity.cardType, idNumber: event.identity.idNumberMasked }, 'card read');
        this.ctx.events.publish('identity.changed', event);
      },
      (record) => {
        // Another person's card ends the session of the citizen before them: nothing shown, filled
        // or identified for the first one may serve the second.
        const held = this.identity?.current();
        const other = held ? held.idNumber !== record.idNumber : this.otherCitizenChecks.some((isOther) => isOther(record));
        if (other) this.ctx.session.reset('citizen');
      },
    );
    return reader;
  }

  protected override beforeStop(): void {
    this.identity?.dispose();
    this.identity = null;
  }
}
