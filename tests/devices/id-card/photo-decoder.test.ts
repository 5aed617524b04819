import { describe, expect, it } from 'vitest';
import { IdCardReader } from '../../../devices/id-card/id-card-reader';
import { parseBaseMessage, type PhotoDecoder } from '../../../devices/id-card/card-parser';
import { encodeCard, sampleCards } from '../../../devices/emulators/id-card/card-spec';
import type { ByteTransport } from '../../../devices/serial/byte-transport';

const unusedTransport = (): ByteTransport => {
  throw new Error('not opened in this test');
};

describe('WLT photo behind PhotoDecoder', () => {
  const { text, photo } = encodeCard(sampleCards()[0]!);
  const record = parseBaseMessage(text, photo, { today: '2026-11-21' });

  it('keeps the 1024 WLT bytes as read, and refuses to decode without a decoder', async () => {
    expect(Buffer.from(record.photo.wlt).equals(photo)).toBe(true);
    const reader = new IdCardReader({ transportFactory: unusedTransport });
    await expect(reader.decodePhoto(record)).rejects.toThrow(/no WLT photo decoder is configured/);
  });

  it('hands the WLT bytes to a configured decoder', async () => {
    const seen: number[] = [];
    const decoder: PhotoDecoder = {
      decode: async (wlt) => {
        seen.push(wlt.length);
        return { mimeType: 'image/bmp', data: Uint8Array.of(0x42, 0x4d) };
      },
    };
    const reader = new IdCardReader({ transportFactory: unusedTransport, photoDecoder: decoder });
    expect(await reader.decodePhoto(record)).toEqual({ mimeType: 'image/bmp', data: Uint8Array.of(0x42, 0x4d) });
    expect(seen).toEqual([1024]);
  });
});
