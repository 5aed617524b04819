// Over 300 lines: the reader's poll loop: find, select, read and the reconnects between them are one state machine.
import { EventEmitter } from 'node:events';
import { ReconnectingLink, type LinkState } from '../serial/reconnecting-link';
import type { TransportFactory } from '../serial/byte-transport';
import { SamFrameDecoder, encodeCommand, parseResponse, type SamFrame, type SamFrameError, type SamResponse } from './sam-codec';
import { BASE_PHOTO_BYTES, BASE_TEXT_BYTES, SAM_COMMANDS, SAM_ID_BYTES, SW3, isSamFault, type SamCommand } from './sam-protocol';
import { isCardDataError, localToday, parseBaseMessage, type CardRecordError, type IdCardRecord, type PhotoDecoder } from './card-parser';
import { SamError } from './sam-errors';

export type ReaderState = 'disconnected' | 'ready' | 'reading' | 'error';

export interface ReaderStatus {
  state: ReaderState;
  /** The most recent failure, kept after recovery so a technician can see what happened last. */
  lastError: { message: string; at: string } | null;
}

/** A card read but refused (`CardRecordError`): what is wrong, never the card's data. */
export interface CardRejection {
  reason: CardRecordError['reason'];
  field: CardRecordError['field'];
}

/** Timing of one placement-to-record read, for diagnostics and the latency benchmark. */
export interface ReadTiming {
  /** performance.now() when the find-card request that saw the card was written. */
  startedAt: number;
  /** performance.now() when the record was parsed, just before 'card-read'. */
  finishedAt: number;
  /** Bytes that crossed the wire in both directions for find, select and read. */
  wireBytes: number;
  /** The driver's own time: from each reply's last byte to the next request, and to the record. */
  driverMs: number;
}

export interface IdCardReaderOptions {
  /** Makes the transport each time the device is (re)opened: a serial port, a HID adapter, ... */
  transportFactory: TransportFactory;
  pollIntervalMs?: number;
  /**
   * How long the reader may stay silent: before the first byte of a reply, and between bytes of
   * one. A reply still arriving is waited for (a 9600-baud line takes ~1.4 s for a base message).
   */
  requestTimeoutMs?: number;
  /** The line's speed, for the longest a whole reply may take; 9600 (the slowest readers) by default. */
  baudRate?: number;
  /** Delay between attempts to reopen a device that went away. */
  reconnectMs?: number;
  /** Today as YYYY-MM-DD, for `expired`; the machine's local date by default. */
  today?: () => string;
  /** Turns the WLT photo into an image; none by default (decoding WLT needs a vendor library). */
  photoDecoder?: PhotoDecoder | null;
}

/** Data length of a successful (90/9F) reply, per command: a reply of another shape is not ours. */
const EXPECTED_DATA: Partial<Record<string, number>> = {
  [SAM_COMMANDS.resetSam.name]: 0,
  [SAM_COMMANDS.samStatus.name]: 0,
  [SAM_COMMANDS.samId.name]: SAM_ID_BYTES,
  [SAM_COMMANDS.findCard.name]: 4,
  [SAM_COMMANDS.selectCard.name]: 8,
  [SAM_COMMANDS.readBase.name]: 4 + BASE_TEXT_BYTES + BASE_PHOTO_BYTES,
};

interface Pending {
  command: SamCommand;
  resolve: (r: SamResponse) => void;
  reject: (e: Error) => void;
  timer: NodeJS.Timeout;
  /** performance.now() after which the reply is given up even if bytes are still coming (moved on by time the kiosk was held up). */
  deadline: number;
  heldUpGraces: number;
}

/** Bytes of a reply frame carrying `dataBytes` of data: preamble, length, SW1-SW3, data, checksum. */
const replyFrameBytes = (dataBytes: number) => 5 + 2 + 3 + dataBytes + 1;
/** A timer this late means the kiosk was not running; bytes read meanwhile still count. */
const HELD_UP_MS = 100;
const HELD_UP_GRACE_MS = 200;
const MAX_HELD_UP_GRACES = 10;
/** 8N1: ten bit times per byte. */
const wireMs = (bytes: number, baudRate: number) => (bytes * 10 * 1000) / baudRate;

/**
 * Driver for a second-generation ID card reader speaking the SAM protocol (GA 467).
 *
 * Polls find → select → read base message, and emits:
 * - 'card-read' (IdCardRecord) once per placement;
 * - 'card-rejected' (CardRejection) once per placement of a card whose data cannot be a genuine
 *   record (bad ID number, impossible dates, noise for text): the citizen is told to go to a
 *   staffed counter; the reader stays 'ready' (its lastError says what was refused);
 * - 'card-read-lost' when a card was found but its read did not complete (the reply was lost or
 *   garbled) and the reader no longer finds it: GA 467 readers halt a card once they start reading
 *   it, so the citizen has to lift the card and lay it down again;
 * - 'card-removed' when the card is known to have left: GA 467 cannot tell a card still lying on the
 *   reader (find answers 80 after a read) from an empty reader, so this fires when the reader finds a
 *   new placement (9F) or when the link to the reader is lost;
 * - 'status' (ReaderStatus) on every change of state or error;
 * - 'read-timing' (ReadTiming) after each successful read.
 * Never throws from the poll loop: failures become the 'error' status and polling carries on.
 */
export class IdCardReader extends EventEmitter {
  private readonly link: ReconnectingLink;
  private readonly decoder = new SamFrameDecoder();
  private readonly pollIntervalMs: number;
  private readonly requestTimeoutMs: number;
  private readonly baudRate: number;
  private readonly today: () => string;
  private readonly photoDecoder: PhotoDecoder | null;
  private pending: Pending | null = null;
  /** Set after a timeout: the reply may still come, and must not be taken for the next one's. */
  private lateReplyPossible = false;
  private lateReplySink: (() => void) | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private polling = false;
  private pollTimer: NodeJS.Timeout | null = null;
  private wakePoll: (() => void) | null = null;
  private cardPresent = false;
  /** A found card's read failed: if the next find does not see it, it was lost (halted unread). */
  private readFailed = false;
  /** performance.now() of the last byte from the reader. */
  private lastByteAt = 0;
  private wireBytes = 0;
  private lastReplyAt = 0;
  private lastWriteAt = 0;
  private _status: ReaderStatus = { state: 'disconnected', lastError: null };

  constructor(options: IdCardReaderOptions) {
    super();
    this.pollIntervalMs = options.pollIntervalMs ?? 300;
    this.requestTimeoutMs = options.requestTimeoutMs ?? 1000;
    this.baudRate = options.baudRate ?? 9600;
    this.today = options.today ?? (() => localToday());
    this.photoDecoder = options.photoDecoder ?? null;
    this.link = new ReconnectingLink(options.transportFactory, { retryMs: options.reconnectMs ?? 500 });
    this.link.on('data', (chunk: Buffer) => {
      this.wireBytes += chunk.length;
      this.lastByteAt = performance.now();
      this.decoder.write(chunk);
    });
    this.link.on('state', (state: LinkState, err?: Error) => this.onLinkState(state, err));
    this.decoder.on('data', (frame: SamFrame) => this.onFrame(frame));
    this.decoder.on('frame-error', (e: SamFrameError) => this.onFrameError(e));
  }

  /** Why the transport last failed to open or went away (a reader that never opened has no status change to carry it). */
  get linkError(): Error | undefined {
    return this.link.lastError;
  }

  get status(): ReaderStatus {
    return this._status;
  }

  /** Bytes dropped before a preamble and frames refused, since the reader was created. */
  get diagnostics(): { noiseBytes: number; frameErrors: number } {
    return { noiseBytes: this.decoder.noiseBytes, frameErrors: this.decoder.frameErrors };
  }

  /** Opens the device (and keeps reopening it) without polling for cards. */
  connect(): void {
    this.link.start();
  }

  /** Resolves once the device is open; rejects with the open error after timeoutMs. */
  waitConnected(timeoutMs: number): Promise<void> {
    return this.link.waitConnected(timeoutMs);
  }

  /** Opens the device and polls for cards until stop(). */
  start(): void {
    this.connect();
    if (this.polling) return;
    this.polling = true;
    void this.pollLoop();
  }

  async stop(): Promise<void> {
    this.polling = false;
    if (this.pollTimer) clearTimeout(this.pollTimer);
    this.wakePoll?.();
    this.failPending(new SamError('disconnected', 'reader stopped'));
    await this.link.stop();
  }

  /** Decodes a record's WLT photo with the configured decoder; rejects clearly when there is none. */
  async decodePhoto(record: IdCardRecord): Promise<{ mimeType: string; data: Uint8Array }> {
    if (!this.photoDecoder) throw new Error('no WLT photo decoder is configured; the photo is kept as WLT bytes only');
    return this.photoDecoder.decode(record.photo.wlt);
  }

  async samStatus(): Promise<SamResponse> {
    return this.exclusive(() => this.request(SAM_COMMANDS.samStatus));
  }

  async resetSam(): Promise<SamResponse> {
    return this.exclusive(() => this.request(SAM_COMMANDS.resetSam));
  }

  /** The SAM module's id, formatted as vendors print it: `05.01-20101111-0012345678-1234567890`. */
  async samId(): Promise<string> {
    const reply = await this.exclusive(() => this.request(SAM_COMMANDS.samId));
    if (reply.sw3 !== SW3.ok) throw SamError.status(SAM_COMMANDS.samId.name, reply.sw3);
    const d = reply.data;
    const pad = (n: number, w: number) => String(n).padStart(w, '0');
    return `${pad(d.readUInt16LE(0), 2)}.${pad(d.readUInt16LE(2), 2)}-${pad(d.readUInt32LE(4), 8)}-${pad(d.readUInt32LE(8), 10)}-${pad(d.readUInt32LE(12), 10)}`;
  }

  private async pollLoop(): Promise<void> {
    while (this.polling) {
      if (this.link.state === 'connected') {
        try {
          await this.exclusive(() => this.pollOnce());
        } catch (err) {
          this.reportError(err as Error);
        }
      }
      if (!this.polling) break;
      await new Promise<void>((resolve) => {
        this.wakePoll = resolve;
        this.pollTimer = setTimeout(resolve, this.pollIntervalMs);
      });
      this.wakePoll = null;
    }
  }

  private async pollOnce(): Promise<void> {
    this.wireBytes = 0;
    const startedAt = performance.now();
    const find = await this.request(SAM_COMMANDS.findCard);
    if (find.sw3 === SW3.noCard) {
      if (this.readFailed) {
        this.readFailed = false;
        this.emit('card-read-lost');
      }
      // Still the same card after a read, or an empty reader: nothing new either way.
      if (this._status.state !== 'ready') this.setStatus('ready');
      return;
    }
    if (find.sw3 !== SW3.cardFound) throw SamError.status(SAM_COMMANDS.findCard.name, find.sw3);
    if (this.cardPresent) this.markRemoved();
    this.setStatus('reading');
    // Cleared once the base message has arrived whole; a failure before that leaves it set.
    this.readFailed = true;
    let replyAt = this.lastReplyAt;
    let driverMs = 0;
    const select = await this.request(SAM_COMMANDS.selectCard);
    driverMs += this.lastWriteAt - replyAt;
    replyAt = this.lastReplyAt;
    if (select.sw3 !== SW3.ok) throw SamError.status(SAM_COMMANDS.selectCard.name, select.sw3);
    const read = await this.request(SAM_COMMANDS.readBase);
    driverMs += this.lastWriteAt - replyAt;
    replyAt = this.lastReplyAt;
    if (read.sw3 !== SW3.ok) throw SamError.status(SAM_COMMANDS.readBase.name, read.sw3);
    const textLen = read.data.readUInt16BE(0);
    const photoLen = read.data.readUInt16BE(2);
    if (textLen !== BASE_TEXT_BYTES || photoLen !== BASE_PHOTO_BYTES) {
      throw new SamError('unexpected', `read base message: text/photo lengths ${textLen}/${photoLen}, expected ${BASE_TEXT_BYTES}/${BASE_PHOTO_BYTES}`);
    }
    const text = read.data.subarray(4, 4 + textLen);
    const photo = read.data.subarray(4 + textLen, 4 + textLen + photoLen);
    // The card has been read (and halted by the reader) even if its data turns out unreadable.
    this.cardPresent = true;
    this.readFailed = false;
    let record: IdCardRecord;
    try {
      record = parseBaseMessage(text, photo, { today: this.today() });
    } catch (err) {
      if (!isCardDataError(err)) throw err;
      // The reader works; the card's data is not a genuine record. Not a device error.
      const rejection: CardRejection = { reason: err.reason, field: err.field };
      this.setStatus('ready', this.errorInfo(new Error(`card refused (${err.reason}): ${err.message}`)));
      this.emit('card-rejected', rejection);
      return;
    }
    const finishedAt = performance.now();
    const timing: ReadTiming = { startedAt, finishedAt, wireBytes: this.wireBytes, driverMs: driverMs + finishedAt - replyAt };
    this.setStatus('ready');
    this.emit('read-timing', timing);
    this.emit('card-read', record);
  }

  /** Runs one exchange (or a poll cycle) at a time: the SAM protocol has no request ids. */
  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async request(command: SamCommand): Promise<SamResponse> {
    if (this.lateReplyPossible) await this.swallowLateReply();
    if (this.link.state !== 'connected') throw new SamError('disconnected', `${command.name}: reader not connected`);
    const frame = encodeCommand(command);
    const longestReplyMs = wireMs(frame.length + replyFrameBytes(EXPECTED_DATA[command.name] ?? 0), this.baudRate);
    return new Promise<SamResponse>((resolve, reject) => {
      const startedAt = performance.now();
      const pending: Pending = {
        command,
        resolve,
        reject,
        timer: undefined as unknown as NodeJS.Timeout,
        deadline: startedAt + 2 * this.requestTimeoutMs + 2 * longestReplyMs,
        heldUpGraces: 0,
      };
      this.armSilenceTimer(pending, startedAt, this.requestTimeoutMs);
      this.pending = pending;
      this.wireBytes += frame.length;
      this.lastWriteAt = startedAt;
      this.link.write(frame).catch((err: Error) => this.failPending(new SamError('disconnected', `${command.name}: ${err.message}`)));
    });
  }

  private armSilenceTimer(pending: Pending, startedAt: number, waitMs: number): void {
    const due = performance.now() + waitMs;
    pending.timer = setTimeout(() => this.checkSilence(pending, startedAt, due), waitMs);
  }

  /**
   * A request's timer went off: it fails only if the reader has been silent for the whole timeout
   * while the kiosk was listening. A timer that fires late means the kiosk itself was held up (a
   * long GC, a busy machine) and bytes may be waiting unread, so it first gets a moment to read them.
   */
  private checkSilence(pending: Pending, startedAt: number, due: number): void {
    if (this.pending !== pending) return;
    const now = performance.now();
    const heldUpMs = now - due;
    if (heldUpMs > HELD_UP_MS && pending.heldUpGraces++ < MAX_HELD_UP_GRACES) {
      // Time the kiosk was not running counts neither as silence nor toward the deadline.
      pending.deadline += heldUpMs;
      return this.armSilenceTimer(pending, startedAt, HELD_UP_GRACE_MS);
    }
    if (now < pending.deadline) {
      const silentMs = now - Math.max(startedAt, this.lastByteAt);
      if (silentMs < this.requestTimeoutMs)
        return this.armSilenceTimer(pending, startedAt, Math.min(this.requestTimeoutMs - silentMs, pending.deadline - now) + 1);
    }
    this.pending = null;
    this.decoder.reset();
    this.lateReplyPossible = true;
    const reason =
      this.lastByteAt > startedAt
        ? `incomplete reply to ${pending.command.name} after ${Math.round(now - startedAt)} ms`
        : `no response to ${pending.command.name} within ${this.requestTimeoutMs} ms`;
    pending.reject(new SamError('timeout', reason));
  }

  /** Waits (at most one request timeout) for the late reply of a timed-out request, and drops it. */
  private swallowLateReply(): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.lateReplySink = null;
        this.lateReplyPossible = false;
        resolve();
      };
      const timer = setTimeout(done, this.requestTimeoutMs);
      this.lateReplySink = done;
    });
  }

  private onFrame(frame: SamFrame): void {
    this.lastReplyAt = performance.now();
    const pending = this.pending;
    if (!pending) {
      this.lateReplySink?.();
      return; // unsolicited, or a late reply to a request that already timed out
    }
    const response = parseResponse(frame.body);
    const expected = EXPECTED_DATA[pending.command.name];
    const success = response?.sw3 === SW3.ok || response?.sw3 === SW3.cardFound;
    if (!response || (success && expected !== undefined && response.data.length !== expected)) {
      this.settle(pending, new SamError('unexpected', `${pending.command.name}: unexpected reply (${frame.body.length} bytes)`));
      return;
    }
    this.settle(pending, response);
  }

  private onFrameError(e: SamFrameError): void {
    const pending = this.pending;
    if (!pending) return;
    this.settle(
      pending,
      new SamError(
        e.reason === 'checksum' ? 'checksum' : 'unexpected',
        `${pending.command.name}: ${e.reason === 'checksum' ? 'checksum error' : 'frame length error'} in the reply (${e.message})`,
      ),
    );
  }

  private settle(pending: Pending, outcome: SamResponse | Error): void {
    clearTimeout(pending.timer);
    this.pending = null;
    if (outcome instanceof Error) pending.reject(outcome);
    else pending.resolve(outcome);
  }

  private failPending(err: Error): void {
    if (this.pending) this.settle(this.pending, err);
  }

  private onLinkState(state: LinkState, err?: Error): void {
    this.decoder.reset();
    this.lateReplySink?.();
    if (state === 'connected') {
      this.setStatus('ready');
      return;
    }
    this.failPending(new SamError('disconnected', err ? err.message : 'reader disconnected'));
    this.readFailed = false;
    if (this.cardPresent) this.markRemoved();
    this.setStatus('disconnected', err ? this.errorInfo(err) : this._status.lastError);
  }

  private markRemoved(): void {
    this.cardPresent = false;
    this.emit('card-removed');
  }

  private reportError(err: Error): void {
    if (!this.polling) return; // stopped mid-cycle: not a device error
    if (err instanceof SamError && err.kind === 'disconnected' && this.link.state !== 'connected') return; // status already says so
    if (err instanceof SamError && err.sw3 !== undefined && isSamFault(err.sw3)) err.message = `SAM fault: ${err.message}`;
    this.setStatus('error', this.errorInfo(err));
  }

  private errorInfo(err: Error): ReaderStatus['lastError'] {
    return { message: err.message, at: new Date().toISOString() };
  }

  private setStatus(state: ReaderState, lastError: ReaderStatus['lastError'] = this._status.lastError): void {
    const changed = state !== this._status.state || lastError !== this._status.lastError;
    this._status = { state, lastError };
    if (changed) this.emit('status', this._status);
  }
}
