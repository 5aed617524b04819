import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  decodeStatus,
  isStatusReplyByte,
  notReadyReason,
  offlineCauseDetails,
  StatusReplyParser,
  type PrinterStatus,
  type StatusBytes,
} from '../../../devices/printer/status';
import { queryStatus } from '../../../devices/printer/status-query';

const CLEAN: StatusBytes = { 1: 0x12, 2: 0x12, 3: 0x12, 4: 0x12 };
const ALL_CLEAR: PrinterStatus = {
  online: true,
  coverOpen: false,
  paperEnd: false,
  paperNearEnd: false,
  cutterError: false,
  unrecoverableError: false,
  autoRecoverableError: false,
};
const withBits = (n: 1 | 2 | 3 | 4, bits: number): StatusBytes => ({ ...CLEAN, [n]: 0x12 | bits });

describe('DLE EOT status decoding', () => {
  it('reads a clean reply set as ready', () => {
    expect(decodeStatus(CLEAN)).toEqual(ALL_CLEAR);
    expect(notReadyReason(decodeStatus(CLEAN))).toBeNull();
  });

  it('n=1 bit 3: offline', () => {
    expect(decodeStatus(withBits(1, 0x08))).toEqual({ ...ALL_CLEAR, online: false });
    expect(notReadyReason(decodeStatus(withBits(1, 0x08)))).toBe('offline');
    // bits 2, 5, 6 of n=1 (drawer, waiting for recovery, feed button) do not change readiness
    expect(decodeStatus(withBits(1, 0x64))).toEqual(ALL_CLEAR);
  });

  it('n=2 bit 2: cover open; bit 5: stopped by paper end; bits 3 and 6 reported as details', () => {
    expect(decodeStatus(withBits(2, 0x04))).toEqual({ ...ALL_CLEAR, coverOpen: true });
    expect(decodeStatus(withBits(2, 0x20))).toEqual({ ...ALL_CLEAR, paperEnd: true });
    expect(offlineCauseDetails(withBits(2, 0x08))).toEqual({ feedButton: true, errorOccurred: false });
    expect(offlineCauseDetails(withBits(2, 0x40))).toEqual({ feedButton: false, errorOccurred: true });
    expect(decodeStatus(withBits(2, 0x48))).toEqual(ALL_CLEAR);
  });

  it('n=3 bit 3: cutter error; bit 5: unrecoverable; bit 6: auto-recoverable', () => {
    expect(decodeStatus(withBits(3, 0x08))).toEqual({ ...ALL_CLEAR, cutterError: true });
    expect(decodeStatus(withBits(3, 0x20))).toEqual({ ...ALL_CLEAR, unrecoverableError: true });
    expect(decodeStatus(withBits(3, 0x40))).toEqual({ ...ALL_CLEAR, autoRecoverableError: true });
    expect(notReadyReason(decodeStatus(withBits(3, 0x08)))).toBe('cutter-error');
    expect(notReadyReason(decodeStatus(withBits(3, 0x20)))).toBe('unrecoverable-error');
    expect(notReadyReason(decodeStatus(withBits(3, 0x40)))).toBe('recoverable-error');
  });

  it('n=4 bits 2-3: paper near end (still ready); bits 5-6: paper end', () => {
    for (const bits of [0x04, 0x08, 0x0c]) expect(decodeStatus(withBits(4, bits))).toEqual({ ...ALL_CLEAR, paperNearEnd: true });
    for (const bits of [0x20, 0x40, 0x60]) expect(decodeStatus(withBits(4, bits))).toEqual({ ...ALL_CLEAR, paperEnd: true });
    expect(notReadyReason(decodeStatus(withBits(4, 0x0c)))).toBeNull();
    expect(notReadyReason(decodeStatus(withBits(4, 0x60)))).toBe('paper-end');
  });

  it('names the cause, not just "offline", when the printer is offline because of it', () => {
    expect(notReadyReason(decodeStatus({ 1: 0x1a, 2: 0x16, 3: 0x12, 4: 0x12 }))).toBe('cover-open');
    expect(notReadyReason(decodeStatus({ 1: 0x1a, 2: 0x32, 3: 0x12, 4: 0x72 }))).toBe('paper-end');
  });

  it('tells status replies from noise by their fixed bits', () => {
    expect(isStatusReplyByte(0x12)).toBe(true);
    expect(isStatusReplyByte(0x7e)).toBe(true);
    expect(isStatusReplyByte(0x13)).toBe(false); // bit 0 set
    expect(isStatusReplyByte(0x92)).toBe(false); // bit 7 set
    expect(isStatusReplyByte(0x02)).toBe(false); // bit 4 clear
  });
});

describe('StatusReplyParser', () => {
  it('drops XON/XOFF and reports other noise', () => {
    const parser = new StatusReplyParser();
    const replies: number[] = [];
    const noise: Buffer[] = [];
    parser.on('data', (b: number) => replies.push(b));
    parser.on('noise', (b: Buffer) => noise.push(b));
    parser.write(Buffer.from([0x11, 0x12, 0x13, 0x1a, 0x00, 0x11]));
    parser.write(Buffer.from([0x72]));
    expect(replies).toEqual([0x12, 0x1a, 0x72]);
    expect(noise).toEqual([Buffer.from([0x00])]);
  });
});

describe('queryStatus', () => {
  afterEach(() => vi.useRealTimers());

  it('asks DLE EOT 1..4 in order and decodes the replies', async () => {
    const replies = new StatusReplyParser();
    const sent: number[][] = [];
    const answers: Record<number, number> = { 1: 0x12, 2: 0x12, 3: 0x12, 4: 0x1e };
    const r = await queryStatus(
      {
        replies,
        write: async (d) => {
          sent.push([...d]);
          setImmediate(() => replies.write(Buffer.from([0x11, answers[d[2]!]!])));
        },
      },
      1000,
    );
    expect(sent).toEqual([
      [0x10, 0x04, 1],
      [0x10, 0x04, 2],
      [0x10, 0x04, 3],
      [0x10, 0x04, 4],
    ]);
    expect(r).toEqual({ responding: true, bytes: { 1: 0x12, 2: 0x12, 3: 0x12, 4: 0x1e }, status: { ...ALL_CLEAR, paperNearEnd: true } });
  });

  it('gives up on a silent printer exactly when the configured timeout expires', async () => {
    vi.useFakeTimers();
    const replies = new StatusReplyParser();
    let settled: unknown = undefined;
    const pending = queryStatus({ replies, write: async () => undefined }, 750).then((r) => (settled = r));
    await vi.advanceTimersByTimeAsync(749);
    expect(settled).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    await pending;
    expect(settled).toEqual({ responding: false, unansweredRequest: 1, timeoutMs: 750 });
    expect(replies.listenerCount('data')).toBe(0);
  });

  it('rejects when the request cannot be written', async () => {
    const replies = new StatusReplyParser();
    await expect(queryStatus({ replies, write: () => Promise.reject(new Error('port closed')) }, 1000)).rejects.toThrow('port closed');
    expect(replies.listenerCount('data')).toBe(0);
  });
});
