import type { KioskConfig } from '../../../common/config/schema';
import { IdCardReader, type ReaderStatus } from '../../../devices/id-card/id-card-reader';
import type { IdCardRecord } from '../../../devices/id-card/card-parser';
import { SerialPortTransport } from '../../../devices/serial/serial-port-transport';
import { IdentityService, type IdentityEvent } from '../identity/identity-service';
import type { CoreService } from '../lifecycle';
import type { KioskCoreContext } from '../create-kiosk-core';

/** Resolves the port a device is on: its configured port, or the embedded emulator's. */
export type PortResolver = (device: 'idCard' | 'printer' | 'scanner') => string | null;

/**
 * The ID card reader inside the core: runs the driver on the configured port, turns reads into
 * the session's identity (published masked), reports the reader's state, forgets the identity on
 * session reset, and restarts the driver when staff change its port or speed.
 */
export class IdCardService implements CoreService {
  readonly name = 'id-card';
  private reader: IdCardReader | null = null;
  private identity: IdentityService | null = null;
  private readonly onConfig = (next: KioskConfig, prev: KioskConfig) => {
    const a = next.devices.idCard;
    const b = prev.devices.idCard;
    if (a.enabled !== b.enabled || a.port !== b.port || a.baudRate !== b.baudRate || a.pollIntervalMs !== b.pollIntervalMs) {
      void this.restart();
    }
  };

  constructor(
    private readonly ctx: KioskCoreContext,
    private readonly portOf: PortResolver,
  ) {
    ctx.session.onReset(() => this.identity?.reset());
  }

  /** The full record of the session's citizen, for services inside the core only. */
  get currentIdentity() {
    return this.identity?.current() ?? null;
  }

  /** The next card read (technician test), or null after timeoutMs. */
  waitForRead(timeoutMs: number): Promise<IdCardRecord | null> {
    const reader = this.reader;
    if (!reader) return Promise.resolve(null);
    return new Promise((resolve) => {
      const onRead = (record: IdCardRecord) => {
        clearTimeout(timer);
        resolve(record);
      };
      const timer = setTimeout(() => {
        reader.off('card-read', onRead);
        resolve(null);
      }, timeoutMs);
      reader.once('card-read', onRead);
    });
  }

  get configuredPort(): string | null {
    return this.portOf('idCard');
  }

  async start(): Promise<void> {
    this.ctx.config.on('changed', this.onConfig);
    this.open();
  }

  async stop(): Promise<void> {
    this.ctx.config.off('changed', this.onConfig);
    await this.close();
  }

  private open(): void {
    const settings = this.ctx.config.config.devices.idCard;
    const port = this.portOf('idCard');
    if (!settings.enabled) {
      this.ctx.devices.set('idCard', 'disabled');
      return;
    }
    if (!port) {
      this.ctx.devices.set('idCard', 'not-configured', 'no port set for the ID card reader');
      return;
    }
    const reader = new IdCardReader({
      transportFactory: () => new SerialPortTransport({ path: port, baudRate: settings.baudRate }),
      pollIntervalMs: settings.pollIntervalMs,
    });
    // The reader keeps its last error after recovering; the registry keeps it as lastError, and
    // the state's detail only explains a state that is not ready.
    reader.on('status', (s: ReaderStatus) => this.ctx.devices.set('idCard', s.state, s.state === 'ready' || s.state === 'reading' ? undefined : s.lastError?.message));
    reader.on('card-removed', () => this.ctx.logger.debug('card removed'));
    this.identity = new IdentityService(reader, (event: IdentityEvent) => {
      if (event.kind === 'identified') this.ctx.logger.info({ cardType: event.identity.cardType, idNumber: event.identity.idNumberMasked }, 'card read');
      this.ctx.events.publish('identity.changed', event);
    });
    this.reader = reader;
    this.ctx.devices.set('idCard', reader.status.state);
    reader.start();
  }

  private async close(): Promise<void> {
    this.identity?.dispose();
    this.identity = null;
    const reader = this.reader;
    this.reader = null;
    if (reader) {
      await reader.stop();
      reader.removeAllListeners();
    }
  }

  private async restart(): Promise<void> {
    await this.close();
    this.open();
  }
}
