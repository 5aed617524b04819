import { describe, expect, it } from 'vitest';
import {
  SamCommandEncoder,
  SamFrameDecoder,
  encodeCommand,
  encodeResponse,
  parseResponse,
  type SamFrame,
  type SamFrameError,
} from '../../../devices/id-card/sam-codec';
import { SAM_COMMANDS } from '../../../devices/id-card/sam-protocol';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex').toUpperCase().match(/../g)!.join(' ');

function decodeAll(chunks: Uint8Array[]): { frames: SamFrame[]; errors: SamFrameError[]; decoder: SamFrameDecoder } {
  const decoder = new SamFrameDecoder();
  const frames: SamFrame[] = [];
  const errors: SamFrameError[] = [];
  decoder.on('data', (f: SamFrame) => frames.push(f));
  decoder.on('frame-error', (e: SamFrameError) => errors.push(e));
  for (const c of chunks) decoder.write(Buffer.from(c));
  return { frames, errors, decoder };
}

/** A read-base reply: 00 00 90, text length 0100, photo length 0400, then 256 + 1024 bytes. */
function readBaseReply(): Buffer {
  const data = Buffer.alloc(4 + 256 + 1024);
  data.writeUInt16BE(256, 0);
  data.writeUInt16BE(1024, 2);
  for (let i = 4; i < data.length; i++) data[i] = (i * 37) & 0xff;
  return encodeResponse(0x90, data);
}

describe('SAM command encoder', () => {
  it('encodes every command to the exact GA 467 bytes', () => {
    expect(hex(encodeCommand(SAM_COMMANDS.resetSam))).toBe('AA AA AA 96 69 00 03 10 FF EC');
    expect(hex(encodeCommand(SAM_COMMANDS.samStatus))).toBe('AA AA AA 96 69 00 03 11 FF ED');
    expect(hex(encodeCommand(SAM_COMMANDS.samId))).toBe('AA AA AA 96 69 00 03 12 FF EE');
    expect(hex(encodeCommand(SAM_COMMANDS.findCard))).toBe('AA AA AA 96 69 00 03 20 01 22');
    expect(hex(encodeCommand(SAM_COMMANDS.selectCard))).toBe('AA AA AA 96 69 00 03 20 02 21');
    expect(hex(encodeCommand(SAM_COMMANDS.readBase))).toBe('AA AA AA 96 69 00 03 30 01 32');
    expect(hex(encodeCommand(SAM_COMMANDS.readBaseWithFingerprint))).toBe('AA AA AA 96 69 00 03 30 10 23');
    expect(hex(encodeCommand(SAM_COMMANDS.readAppendedAddress))).toBe('AA AA AA 96 69 00 03 30 03 30');
  });

  it('encodes known reader replies (no card, card found)', () => {
    expect(hex(encodeResponse(0x80))).toBe('AA AA AA 96 69 00 04 00 00 80 84');
    expect(hex(encodeResponse(0x9f, new Uint8Array(4)))).toBe('AA AA AA 96 69 00 08 00 00 9F 00 00 00 00 97');
    expect(hex(readBaseReply().subarray(0, 14))).toBe('AA AA AA 96 69 05 08 00 00 90 01 00 04 00');
  });

  it('works as a stream: command objects in, bytes out', async () => {
    const encoder = new SamCommandEncoder();
    const out: Buffer[] = [];
    encoder.on('data', (b: Buffer) => out.push(b));
    encoder.write(SAM_COMMANDS.findCard);
    encoder.end(SAM_COMMANDS.selectCard);
    await new Promise((r) => encoder.on('end', r));
    expect(hex(Buffer.concat(out))).toBe('AA AA AA 96 69 00 03 20 01 22 AA AA AA 96 69 00 03 20 02 21');
  });
});

describe('SAM frame decoder', () => {
  it('decodes a read-base reply split at every possible position', () => {
    const frame = readBaseReply();
    for (let cut = 1; cut < frame.length; cut++) {
      const { frames, errors } = decodeAll([frame.subarray(0, cut), frame.subarray(cut)]);
      expect(errors, `cut at ${cut}`).toEqual([]);
      expect(frames.length, `cut at ${cut}`).toBe(1);
      expect(frames[0]!.body.equals(frame.subarray(7, -1))).toBe(true);
    }
  });

  it('decodes a short reply split at every position, and byte by byte', () => {
    const frame = encodeResponse(0x9f, new Uint8Array(4));
    for (let cut = 1; cut < frame.length; cut++) {
      const { frames } = decodeAll([frame.subarray(0, cut), frame.subarray(cut)]);
      expect(frames.map((f) => parseResponse(f.body)?.status)).toEqual(['cardFound']);
    }
    const { frames } = decodeAll([...frame].map((b) => Uint8Array.of(b)));
    expect(frames).toHaveLength(1);
  });

  it('skips noise before the preamble, including partial preambles', () => {
    const noise = Uint8Array.of(0x00, 0xaa, 0xaa, 0x13, 0xaa, 0xaa, 0xaa, 0x96, 0xff, 0x69);
    const { frames, errors, decoder } = decodeAll([noise, encodeResponse(0x80)]);
    expect(frames.map((f) => parseResponse(f.body)?.status)).toEqual(['noCard']);
    expect(errors).toEqual([]);
    expect(decoder.noiseBytes).toBe(noise.length);
  });

  it('reports a corrupt checksum and still decodes the good frame behind it', () => {
    const bad = encodeResponse(0x9f, new Uint8Array(4));
    bad.writeUInt8(bad.readUInt8(bad.length - 1) ^ 0x5a, bad.length - 1);
    const { frames, errors } = decodeAll([Buffer.concat([bad, encodeResponse(0x80)])]);
    expect(errors.map((e) => e.reason)).toEqual(['checksum']);
    expect(frames.map((f) => parseResponse(f.body)?.status)).toEqual(['noCard']);
  });

  it('recovers when a corrupt length makes a frame swallow the next one', () => {
    const bad = encodeResponse(0x9f, new Uint8Array(4));
    bad[6] = 0x20; // claims 32 bytes: runs into the following frames
    const good = Buffer.concat([encodeResponse(0x80), encodeResponse(0x90), encodeResponse(0x80), encodeResponse(0x90)]);
    const { frames, errors } = decodeAll([bad, good]);
    expect(errors.map((e) => e.reason)).toEqual(['checksum']);
    expect(frames.map((f) => parseResponse(f.body)?.status)).toEqual(['noCard', 'ok', 'noCard', 'ok']);
  });

  it('reports an impossible length (zero or beyond the maximum)', () => {
    const zero = Buffer.from('AAAAAA96690000', 'hex');
    const huge = Buffer.from('AAAAAA9669FFFF', 'hex');
    const { frames, errors } = decodeAll([zero, huge, encodeResponse(0x90)]);
    expect(errors.map((e) => e.reason)).toEqual(['length', 'length']);
    expect(frames).toHaveLength(1);
  });

  it('fuzz: random bytes and mangled frames never throw and never yield a bad-checksum frame', () => {
    let seed = 12345;
    const rand = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    const valid = [encodeResponse(0x80), encodeResponse(0x9f, new Uint8Array(4)), readBaseReply(), encodeCommand(SAM_COMMANDS.findCard)];
    const decoder = new SamFrameDecoder();
    const frames: SamFrame[] = [];
    decoder.on('data', (f: SamFrame) => frames.push(f));
    decoder.on('frame-error', () => undefined);
    for (let round = 0; round < 3000; round++) {
      let chunk: Buffer;
      const kind = rand();
      if (kind < 0.4) {
        chunk = Buffer.from(Array.from({ length: Math.floor(rand() * 64) }, () => Math.floor(rand() * 256)));
      } else {
        chunk = Buffer.from(valid[Math.floor(rand() * valid.length)]!);
        if (kind < 0.7) {
          const at = Math.floor(rand() * chunk.length);
          chunk.writeUInt8(chunk.readUInt8(at) ^ (1 + Math.floor(rand() * 255)), at);
        }
        chunk = chunk.subarray(0, Math.max(1, Math.floor(rand() * chunk.length * 1.2)));
      }
      if (rand() < 0.3) chunk = Buffer.concat([Buffer.from('AAAAAA9669', 'hex'), chunk]);
      expect(() => decoder.write(chunk)).not.toThrow();
    }
    // Checked independently of the decoder: preamble, LEN = body + 1, XOR over LEN and body.
    for (const { raw, body } of frames) {
      expect(raw.subarray(0, 5).toString('hex')).toBe('aaaaaa9669');
      expect(raw.readUInt16BE(5)).toBe(body.length + 1);
      let x = 0;
      for (const b of raw.subarray(5, -1)) x ^= b;
      expect(x).toBe(raw[raw.length - 1]);
    }
    const validBodies = new Set(valid.map((v) => v.subarray(7, -1).toString('hex')));
    expect(frames.filter((f) => validBodies.has(f.body.toString('hex'))).length).toBeGreaterThan(50);
    // And it still works afterwards.
    frames.length = 0;
    decoder.reset();
    decoder.write(encodeResponse(0x80));
    expect(frames.map((f) => parseResponse(f.body)?.status)).toEqual(['noCard']);
  });
});
