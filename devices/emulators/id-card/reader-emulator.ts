import { EventEmitter } from 'node:events';
import { SamFrameDecoder, encodeResponse, identifyCommand, type SamFrame } from '../../id-card/sam-codec';
import { BASE_PHOTO_BYTES, BASE_TEXT_BYTES, SAM_COMMANDS, SW3 } from '../../id-card/sam-protocol';
import { encodeCard, type CardSpec } from './card-spec';
import { PacedWriter } from '../paced-writer';

/**
 * One-shot faults apply to the next reply to "read base message" (the big frame), except
 * `sam-fault`, which makes the SAM report a self-test failure (SW3 60) until `clearFaults()`.
 * A read whose reply the host cannot use (corrupt checksum, too slow, SW3 41) leaves the card
 * readable again (as if re-placed), so the driver can show recovery. `lost-reply` is the read
 * that breaks off for good: the reader halts the card as always and its reply never arrives, so
 * the card cannot be read again until it is laid down anew.
 */
export const EMULATOR_FAULTS = ['chunked', 'noise', 'corrupt-checksum', 'read-failure', 'slow', 'lost-reply', 'sam-fault'] as const;
export type EmulatorFault = (typeof EMULATOR_FAULTS)[number];

export function isEmulatorFault(name: string): name is EmulatorFault {
  return (EMULATOR_FAULTS as readonly string[]).includes(name);
}

type CardState = 'absent' | 'fresh' | 'selected' | 'halted';

export interface ReaderEmulatorOptions {
  cards: CardSpec[];
  baudRate?: number;
  /** Delay of the `slow` fault; longer than the request timeouts of the driver (1000 ms) and the CLI (2000 ms). */
  slowMs?: number;
  /** Chunk size of the `chunked` fault. */
  chunkBytes?: number;
}

export interface EmulatorSnapshot {
  placedCard: string | null;
  cardState: CardState;
  pendingFaults: EmulatorFault[];
  samFault: boolean;
  /** Commands answered, by name: lets tests wait for polling cycles instead of sleeping. */
  commandCounts: Record<string, number>;
  cards: string[];
}

/** 16 bytes of a fake SAM id: 05.01-20260101-0000000001-0012345678. */
const SAM_ID = (() => {
  const b = Buffer.alloc(16);
  b.writeUInt16LE(5, 0);
  b.writeUInt16LE(1, 2);
  b.writeUInt32LE(20260101, 4);
  b.writeUInt32LE(1, 8);
  b.writeUInt32LE(12345678, 12);
  return b;
})();

/**
 * A second-generation ID card reader as seen from its serial line: feed it the bytes the host
 * sends (`receive`), and it answers through `output` at the configured baud rate.
 * Transport-agnostic: the pty host, tests and the kiosk's demo mode attach it to what they have.
 *
 * Events: 'command' (name), 'fault-applied' (EmulatorFault).
 */
export class IdCardReaderEmulator extends EventEmitter {
  private readonly cards = new Map<string, CardSpec>();
  private readonly decoder = new SamFrameDecoder();
  private readonly baudRate: number;
  private readonly slowMs: number;
  private readonly chunkBytes: number;
  private writer: PacedWriter | null = null;
  private work: Promise<void> = Promise.resolve();
  private placed: string | null = null;
  private cardState: CardState = 'absent';
  private faults: EmulatorFault[] = [];
  private samFault = false;
  private readonly counts: Record<string, number> = {};
  private noiseSeed = 1;

  constructor(options: ReaderEmulatorOptions) {
    super();
    for (const card of options.cards) this.cards.set(card.id, card);
    this.baudRate = options.baudRate ?? 115200;
    this.slowMs = options.slowMs ?? 2500;
    this.chunkBytes = options.chunkBytes ?? 5;
    this.decoder.on('data', (frame: SamFrame) => {
      this.work = this.work.then(() => this.answer(frame)).catch(() => undefined);
    });
    this.decoder.on('frame-error', () => {
      // A garbled command: the reader answers "checksum error in the command".
      this.work = this.work.then(() => this.reply(encodeResponse(SW3.checksumError))).catch(() => undefined);
    });
  }

  /** Where replies go; null detaches (device unplugged). */
  attach(output: ((chunk: Buffer) => Promise<void>) | null): void {
    this.writer = output ? new PacedWriter(output, { baudRate: this.baudRate }) : null;
    this.decoder.reset();
  }

  receive(chunk: Buffer): void {
    this.decoder.write(chunk);
  }

  /** Resolves once every command received so far has been answered. */
  idle(): Promise<void> {
    return this.work;
  }

  get cardIds(): string[] {
    return [...this.cards.keys()];
  }

  addCard(card: CardSpec): void {
    encodeCard(card);
    this.cards.set(card.id, card);
  }

  place(cardId: string): void {
    if (!this.cards.has(cardId)) throw new Error(`unknown card ${JSON.stringify(cardId)} (known: ${this.cardIds.join(', ')})`);
    this.placed = cardId;
    this.cardState = 'fresh';
  }

  remove(): void {
    this.placed = null;
    this.cardState = 'absent';
  }

  fault(name: EmulatorFault): void {
    if (name === 'sam-fault') this.samFault = true;
    else this.faults.push(name);
  }

  clearFaults(): void {
    this.faults = [];
    this.samFault = false;
  }

  snapshot(): EmulatorSnapshot {
    return {
      placedCard: this.placed,
      cardState: this.cardState,
      pendingFaults: [...this.faults],
      samFault: this.samFault,
      commandCounts: { ...this.counts },
      cards: this.cardIds,
    };
  }

  private async answer(frame: SamFrame): Promise<void> {
    const command = identifyCommand(frame.body);
    await this.writer?.receiveDelay(frame.raw.length);
    if (!command) {
      await this.reply(encodeResponse(SW3.commandError));
      return;
    }
    this.counts[command.name] = (this.counts[command.name] ?? 0) + 1;
    this.emit('command', command.name);
    if (this.samFault && command !== SAM_COMMANDS.samId) {
      await this.reply(encodeResponse(SW3.samSelfTestFailed));
      return;
    }
    switch (command) {
      case SAM_COMMANDS.resetSam:
      case SAM_COMMANDS.samStatus:
        return this.reply(encodeResponse(SW3.ok));
      case SAM_COMMANDS.samId:
        return this.reply(encodeResponse(SW3.ok, SAM_ID));
      case SAM_COMMANDS.findCard:
        return this.reply(
          this.cardState === 'fresh' || this.cardState === 'selected' ? encodeResponse(SW3.cardFound, Buffer.alloc(4)) : encodeResponse(SW3.noCard),
        );
      case SAM_COMMANDS.selectCard:
        if (this.cardState !== 'fresh' && this.cardState !== 'selected') return this.reply(encodeResponse(SW3.selectFailed));
        this.cardState = 'selected';
        return this.reply(encodeResponse(SW3.ok, Buffer.alloc(8)));
      case SAM_COMMANDS.readBase:
      case SAM_COMMANDS.readBaseWithFingerprint:
        return this.answerRead(command === SAM_COMMANDS.readBaseWithFingerprint);
      default:
        return this.reply(encodeResponse(SW3.itemEmpty));
    }
  }

  private async answerRead(withFingerprint: boolean): Promise<void> {
    const card = this.placed ? this.cards.get(this.placed) : undefined;
    if (this.cardState !== 'selected' || !card) return this.reply(encodeResponse(SW3.readFailed));
    const fault = this.faults.shift();
    if (fault) this.emit('fault-applied', fault);
    if (fault === 'read-failure') {
      this.cardState = 'fresh';
      return this.reply(encodeResponse(SW3.readFailed));
    }
    const { text, photo } = encodeCard(card);
    const lengths = Buffer.alloc(withFingerprint ? 6 : 4);
    lengths.writeUInt16BE(BASE_TEXT_BYTES, 0);
    lengths.writeUInt16BE(BASE_PHOTO_BYTES, 2);
    let frame = encodeResponse(SW3.ok, Buffer.concat([lengths, text, photo]));
    // Faults the host cannot decode leave the card readable again; noise and chunking are survivable.
    this.cardState = fault === 'corrupt-checksum' || fault === 'slow' ? 'fresh' : 'halted';
    switch (fault) {
      case 'lost-reply':
        return;
      case 'corrupt-checksum':
        frame = Buffer.from(frame);
        frame.writeUInt8(frame.readUInt8(frame.length - 1) ^ 0xff, frame.length - 1);
        return this.reply(frame);
      case 'noise':
        return this.reply(Buffer.concat([this.noise(9), frame]));
      case 'chunked':
        return this.writer?.send(frame, this.chunkBytes, 1);
      case 'slow':
        await new Promise((r) => setTimeout(r, this.slowMs));
        return this.reply(frame);
      default:
        return this.reply(frame);
    }
  }

  /** Noise that includes partial preambles, the hardest kind for a decoder. */
  private noise(n: number): Buffer {
    const out = Buffer.alloc(n);
    for (let i = 0; i < n; i++) {
      this.noiseSeed = (this.noiseSeed * 1103515245 + 12345) & 0x7fffffff;
      out[i] = i % 3 === 0 ? 0xaa : this.noiseSeed & 0xff;
    }
    return out;
  }

  private async reply(frame: Buffer): Promise<void> {
    await this.writer?.send(frame);
  }
}
