import { describe, expect, it } from 'vitest';
import { SamFrameDecoder, encodeCommand, encodeFrame, encodeResponse, parseResponse, type SamFrame, type SamFrameError } from '../../devices/id-card/sam-codec';
import { SAM_COMMANDS, SAM_PREAMBLE } from '../../devices/id-card/sam-protocol';
import { FUZZ_TEST_TIMEOUT_MS, fuzzRng, iterations, mutate, randomChunks, replayHint, returnsWithin, type Rng } from './fuzz-kit';

const TARGET = 'SAM frame decoder';
const HANG_MS = 10_000;

interface Decoded {
  frames: string[];
  errors: string[];
  noiseBytes: number;
}

/** The decoder as the reader uses it: chunks written, frames and frame errors as events. */
function decode(chunks: Buffer[]): Decoded {
  const decoder = new SamFrameDecoder();
  const frames: string[] = [];
  const errors: string[] = [];
  decoder.on('data', (f: SamFrame) => {
    // Every frame it lets through is well formed: re-encoding its body gives its bytes back.
    if (!encodeFrame(f.body).equals(f.raw)) throw new Error(`decoder passed a malformed frame ${f.raw.toString('hex')}`);
    parseResponse(f.body);
    frames.push(f.raw.toString('hex'));
  });
  decoder.on('frame-error', (e: SamFrameError) => errors.push(`${e.reason}: ${e.message}`));
  for (const chunk of chunks) decoder.write(chunk);
  return { frames, errors, noiseBytes: decoder.noiseBytes };
}

const SW3S = [0x90, 0x9f, 0x80, 0x41, 0x10, 0x11, 0x21, 0x23, 0x24, 0x31, 0x32, 0x33, 0x40, 0x47, 0x60, 0x66, 0x91];

function validFrame(rng: Rng): Buffer {
  switch (rng.int(3)) {
    case 0:
      return encodeCommand(rng.pick(Object.values(SAM_COMMANDS)));
    case 1:
      return encodeResponse(rng.chance(0.8) ? rng.pick(SW3S) : rng.int(256), rng.bytes(rng.chance(0.05) ? 1284 : rng.int(40)));
    default:
      return encodeFrame(rng.bytes(rng.int(64)));
  }
}

/** Noise without 0x69, so that it can never hold a whole preamble (AA AA AA 96 69). */
function noise(rng: Rng, max: number): Buffer {
  return Buffer.from([...rng.bytes(rng.int(max + 1))].map((b) => (b === 0x69 ? 0x68 : b)));
}

function validStream(rng: Rng): { bytes: Buffer; frames: Buffer[]; noiseBytes: number } {
  const parts: Buffer[] = [];
  const frames: Buffer[] = [];
  let noiseBytes = 0;
  for (let i = rng.range(1, 6); i > 0; i--) {
    const n = noise(rng, rng.chance(0.3) ? 12 : 0);
    const frame = validFrame(rng);
    parts.push(n, frame);
    frames.push(frame);
    noiseBytes += n.length;
  }
  return { bytes: Buffer.concat(parts), frames, noiseBytes };
}

/** Preambles, lengths and checksums in random order: the decoder's resynchronisation paths. */
function preambleSoup(rng: Rng): Buffer {
  const parts: Buffer[] = [];
  for (let i = rng.range(1, 20); i > 0; i--) {
    switch (rng.int(5)) {
      case 0:
        parts.push(Buffer.from(SAM_PREAMBLE.subarray(0, rng.range(1, SAM_PREAMBLE.length))));
        break;
      case 1:
        parts.push(Buffer.from(SAM_PREAMBLE));
        break;
      case 2:
        parts.push(Buffer.from([rng.pick([0x00, 0x10, 0x0f, 0xff]), rng.int(256)]));
        break;
      case 3:
        parts.push(validFrame(rng));
        break;
      default:
        parts.push(rng.bytes(rng.int(6)));
    }
  }
  return Buffer.concat(parts);
}

describe('fuzz: SAM frame decoder (devices/id-card/sam-codec.ts)', () => {
  it(
    'decodes every valid frame among noise, however the stream is cut',
    () => {
      const rng = fuzzRng(`${TARGET} (valid streams)`);
      for (let i = 0; i < iterations(1500); i++) {
        const stream = validStream(rng);
        const hint = () => replayHint(TARGET, i, stream.bytes);
        const whole = returnsWithin(HANG_MS, hint, () => decode([stream.bytes]));
        expect(whole, hint()).toEqual({ frames: stream.frames.map((f) => f.toString('hex')), errors: [], noiseBytes: stream.noiseBytes });
        const chunked = returnsWithin(HANG_MS, hint, () => decode(randomChunks(rng, stream.bytes)));
        expect(chunked, hint()).toEqual(whole);
      }
    },
    FUZZ_TEST_TIMEOUT_MS,
  );

  it(
    'never throws or hangs on random and mutated input, and chunk boundaries do not change the result',
    () => {
      const rng = fuzzRng(`${TARGET} (mutated)`);
      for (let i = 0; i < iterations(2000); i++) {
        const kind = rng.int(3);
        const input = kind === 0 ? rng.bytes(rng.int(600)) : kind === 1 ? mutate(rng, validStream(rng).bytes) : mutate(rng, preambleSoup(rng), 2);
        const hint = () => replayHint(TARGET, i, input);
        const whole = returnsWithin(HANG_MS, hint, () => decode([input]));
        const chunked = returnsWithin(HANG_MS, hint, () => decode(randomChunks(rng, input)));
        expect(chunked, hint()).toEqual(whole);
        const byteByByte = returnsWithin(HANG_MS, hint, () => decode([...input].map((b) => Buffer.of(b))));
        expect(byteByByte, hint()).toEqual(whole);
      }
    },
    FUZZ_TEST_TIMEOUT_MS,
  );
});
