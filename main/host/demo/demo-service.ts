import { RpcError } from '../../../common/rpc/errors';
import type { CardSpec } from '../../../devices/emulators/id-card/card-spec';
import type { RpcOutput } from '../../../common/rpc/contract';
import type { ParsedInput } from '../../core/rpc/parsed-input';
import type { CoreService } from '../../../base/lifecycle';
import { readPrintedSlips } from './printed-slips';

const DEMO_DEVICES = ['idCard', 'scanner', 'printer'] as const;
export type DemoDevice = (typeof DEMO_DEVICES)[number];

/** What the demo panel needs of the embedded defaults' emulators (EmbeddedDevices). */
export interface DemoEmulators {
  /** Whether `device` is one of the embedded emulators here (never in production configuration). */
  isEmulating(device: DemoDevice): boolean;
  /** The emulator's link; its control socket is LINK.ctl. */
  portOf(device: DemoDevice): string | null;
  /** Where the virtual printer writes each job it printed. */
  readonly printedDir: string;
}

export interface DemoDeps {
  /** The terminal is in production configuration now (read on every call: staff may switch it on while the kiosk runs). */
  production: () => boolean;
  emulators: DemoEmulators;
  /** The ID card emulator's sample cards (all fictional). */
  sampleCards: () => Pick<CardSpec, 'id' | 'type'>[];
  /** The appointment QR codes the demo hub knows. */
  qrSamples: () => { code: string; label: string }[];
  /** Sends one command to an emulator's control socket (requestJsonLine). */
  control: (socketPath: string, message: object) => Promise<unknown>;
}

const NOT_HERE = 'the demo panel works only on the embedded defaults: this terminal is in production configuration';

/**
 * The demo panel of the embedded defaults: places and removes the emulated reader's sample cards,
 * scans sample QR codes on the emulated scanner, and reads back what the virtual printer printed.
 * It drives the emulators through their control sockets, as a technician would, and refuses every
 * call when the terminal is in production configuration or the device is not an emulator.
 */
export class DemoService implements CoreService {
  readonly name = 'demo';

  constructor(private readonly deps: DemoDeps) {}

  samples(): RpcOutput<'demo.samples'> {
    const { deps } = this;
    this.refuseInProduction();
    if (!DEMO_DEVICES.some((d) => deps.emulators.isEmulating(d))) {
      throw new RpcError('forbidden', 'the demo panel drives only the embedded emulators: every device here is a configured one');
    }
    return {
      cards: deps.emulators.isEmulating('idCard') ? deps.sampleCards().map((c) => ({ id: c.id, type: c.type })) : [],
      qrCodes: deps.emulators.isEmulating('scanner') ? deps.qrSamples() : [],
    };
  }

  async placeCard({ card }: ParsedInput<'demo.card.place'>): Promise<RpcOutput<'demo.card.place'>> {
    const socket = this.controlSocket('idCard');
    const ids = this.deps.sampleCards().map((c) => c.id);
    if (!ids.includes(card)) {
      throw new RpcError('invalid-input', `no sample card ${JSON.stringify(card)}`, {
        issues: [{ path: 'card', message: `not a sample card (${ids.join(', ')})` }],
      });
    }
    await this.command(socket, 'idCard', { cmd: 'place', card });
    return { placed: card };
  }

  async removeCard(): Promise<RpcOutput<'demo.card.remove'>> {
    await this.command(this.controlSocket('idCard'), 'idCard', { cmd: 'remove' });
    return { removed: true as const };
  }

  async scanQr({ code }: ParsedInput<'demo.qr.scan'>): Promise<RpcOutput<'demo.qr.scan'>> {
    await this.command(this.controlSocket('scanner'), 'scanner', { cmd: 'scan', code });
    return { scanned: true as const };
  }

  printed({ limit }: ParsedInput<'demo.printed'>): RpcOutput<'demo.printed'> {
    this.refuseInProduction();
    if (!this.deps.emulators.isEmulating('printer')) throw this.notEmulated('printer');
    return { slips: readPrintedSlips(this.deps.emulators.printedDir, limit) };
  }

  private refuseInProduction(): void {
    if (this.deps.production()) throw new RpcError('forbidden', NOT_HERE);
  }

  private notEmulated(device: DemoDevice): RpcError {
    return new RpcError('forbidden', `the demo panel drives only the embedded emulators: the ${device} here is a configured device`);
  }

  private controlSocket(device: DemoDevice): string {
    this.refuseInProduction();
    const link = this.deps.emulators.isEmulating(device) ? this.deps.emulators.portOf(device) : null;
    if (!link) throw this.notEmulated(device);
    return `${link}.ctl`;
  }

  private async command(socket: string, device: DemoDevice, message: object): Promise<void> {
    let reply: unknown;
    try {
      reply = await this.deps.control(socket, message);
    } catch (err) {
      throw new RpcError('unavailable', `the ${device} emulator did not answer: ${(err as Error).message}`);
    }
    const r = reply as { ok?: unknown; error?: unknown } | null;
    if (r?.ok !== true) throw new RpcError('unavailable', `the ${device} emulator refused: ${typeof r?.error === 'string' ? r.error : 'no reason given'}`);
  }
}
