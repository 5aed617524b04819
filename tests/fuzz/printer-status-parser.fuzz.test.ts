import { describe, expect, it } from 'vitest';
import {
  decodeStatus,
  isStatusReplyByte,
  notReadyReason,
  offlineCauseDetails,
  StatusReplyParser,
  type NotReadyReason,
  type StatusBytes,
} from '../../devices/printer/status';
import { queryStatus } from '../../devices/printer/status-query';
import { XOFF, XON } from '../../devices/printer/escpos';
import { statusReplies, VIRTUAL_PRINTER_STATUSES, type VirtualPrinterStatus } from '../../devices/emulators/virtual-printer/status-replies';
import { FUZZ_TEST_TIMEOUT_MS, fuzzRng, iterations, mutate, randomChunks, replayHint, returnsWithin, type Rng } from './fuzz-kit';

const TARGET = 'ESC/POS status parser';
const HANG_MS = 10_000;

interface Parsed {
  replies: number[];
  noise: number[];
}

/** The parser as the driver uses it: reply bytes written, status bytes and noise as events. */
function parse(chunks: Buffer[]): Parsed {
  const parser = new StatusReplyParser();
  const replies: number[] = [];
  const noise: number[] = [];
  parser.on('data', (b: number) => replies.push(b));
  parser.on('noise', (b: Buffer) => noise.push(...b));
  for (const chunk of chunks) parser.write(chunk);
  return { replies, noise };
}

/** Bytes that are not a status reply by the Epson table (`0xx1xx10`): bit 0 or bit 7 set. */
function noiseByte(rng: Rng): number {
  const b = rng.int(256);
  return rng.chance(0.5) ? b | 0x01 : b | 0x80;
}

/** The four replies of a condition, with flow control and noise between them. */
function replyStream(rng: Rng, status: Exclude<VirtualPrinterStatus, 'offline'>): Buffer {
  const out: number[] = [];
  for (const reply of statusReplies(status)!) {
    for (let n = rng.int(4); n > 0; n--) out.push(rng.chance(0.4) ? rng.pick([XON, XOFF]) : noiseByte(rng));
    out.push(reply);
  }
  return Buffer.from(out);
}

const EXPECTED_REASON: Record<Exclude<VirtualPrinterStatus, 'offline'>, NotReadyReason | null> = {
  ok: null,
  'near-end': null,
  'paper-end': 'paper-end',
  'cover-open': 'cover-open',
  'cutter-error': 'cutter-error',
};
const REASONS: (NotReadyReason | null)[] = ['offline', 'cover-open', 'paper-end', 'cutter-error', 'unrecoverable-error', 'recoverable-error', null];
const ANSWERING = VIRTUAL_PRINTER_STATUSES.filter((s): s is Exclude<VirtualPrinterStatus, 'offline'> => s !== 'offline');

describe('fuzz: ESC/POS status parser (devices/printer/status.ts, status-query.ts)', () => {
  it(
    'splits any byte stream into status replies and noise, the same however it is cut',
    () => {
      const rng = fuzzRng(`${TARGET} (streams)`);
      for (let i = 0; i < iterations(2000); i++) {
        const status = rng.pick(ANSWERING);
        const valid = replyStream(rng, status);
        const kind = rng.int(3);
        const input = kind === 0 ? valid : kind === 1 ? mutate(rng, valid) : rng.bytes(rng.int(64));
        const hint = () => replayHint(TARGET, i, input);
        const whole = returnsWithin(HANG_MS, hint, () => parse([input]));
        expect(whole, hint()).toEqual({
          replies: [...input].filter((b) => isStatusReplyByte(b)),
          noise: [...input].filter((b) => b !== XON && b !== XOFF && !isStatusReplyByte(b)),
        });
        expect(
          returnsWithin(HANG_MS, hint, () => parse(randomChunks(rng, input))),
          hint(),
        ).toEqual(whole);
        // The valid stream this input was made from always decodes to the printer's condition.
        const original = parse([valid]).replies;
        const [b1, b2, b3, b4] = original;
        const bytes: StatusBytes = { 1: b1!, 2: b2!, 3: b3!, 4: b4! };
        expect(original, hint()).toEqual(statusReplies(status));
        expect(notReadyReason(decodeStatus(bytes)), hint()).toBe(EXPECTED_REASON[status]);
      }
    },
    FUZZ_TEST_TIMEOUT_MS,
  );

  it(
    'decodes any four status bytes to a consistent condition without throwing',
    () => {
      const rng = fuzzRng(`${TARGET} (decode)`);
      for (let i = 0; i < iterations(3000); i++) {
        const bytes: StatusBytes = { 1: rng.int(256), 2: rng.int(256), 3: rng.int(256), 4: rng.int(256) };
        const hint = replayHint(TARGET, i, Buffer.from([bytes[1], bytes[2], bytes[3], bytes[4]]));
        const status = decodeStatus(bytes);
        for (const value of Object.values(status)) expect(typeof value, hint).toBe('boolean');
        const reason = notReadyReason(status);
        expect(REASONS, hint).toContain(reason);
        // Ready means nothing at all stands in the way.
        expect(reason === null, hint).toBe(
          status.online && !status.coverOpen && !status.paperEnd && !status.cutterError && !status.unrecoverableError && !status.autoRecoverableError,
        );
        expect(
          Object.values(offlineCauseDetails(bytes)).every((v) => typeof v === 'boolean'),
          hint,
        ).toBe(true);
      }
    },
    FUZZ_TEST_TIMEOUT_MS,
  );

  it(
    'queries DLE EOT 1..4 over replies cut and padded with noise at random, and reads each condition',
    async () => {
      const rng = fuzzRng(`${TARGET} (query)`);
      for (let i = 0; i < iterations(300); i++) {
        const status = rng.pick(ANSWERING);
        const answers = statusReplies(status)!;
        const sent: Buffer[] = [];
        const replies = new StatusReplyParser();
        replies.on('noise', () => undefined);
        const result = await queryStatus(
          {
            replies,
            write: async (request) => {
              sent.push(Buffer.from(request));
              const reply: number[] = [];
              for (let n = rng.int(4); n > 0; n--) reply.push(rng.chance(0.4) ? rng.pick([XON, XOFF]) : noiseByte(rng));
              reply.push(answers[request[2]! - 1]!);
              for (let n = rng.int(3); n > 0; n--) reply.push(noiseByte(rng));
              const chunks = randomChunks(rng, Buffer.from(reply));
              setImmediate(() => {
                for (const chunk of chunks) replies.write(chunk);
              });
            },
          },
          5000,
        );
        const hint = replayHint(TARGET, i, status);
        expect(
          sent.map((b) => b.toString('hex')),
          hint,
        ).toEqual(['100401', '100402', '100403', '100404']);
        expect(result, hint).toMatchObject({ responding: true, bytes: { 1: answers[0], 2: answers[1], 3: answers[2], 4: answers[3] } });
        expect(result.responding && notReadyReason(result.status), hint).toBe(EXPECTED_REASON[status]);
      }
    },
    FUZZ_TEST_TIMEOUT_MS,
  );
});
