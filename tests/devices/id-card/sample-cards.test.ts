import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import {
  childSampleCard,
  emulatorSampleCards,
  encodeCard,
  parseCardSpecs,
  SAMPLE_CARD_FACES,
  sampleCards,
  UNREADABLE_SAMPLE_CARD,
} from '../../../devices/emulators/id-card/card-spec';
import { CardRecordError, parseBaseMessage } from '../../../devices/id-card/card-parser';
import { isUnderAge } from '../../../main/face/verification/child-rule';
import { hallLogDay } from '../../../main/logging/daily-log-file';
import { faceFile } from '../../face/face-data';

/** The embedded defaults' sample cards added for face binding (issue 13). */
describe('sample cards for face binding', () => {
  it('has a child who is 12 on the hall’s calendar on any day, with a genuine record', () => {
    for (const at of [Date.parse('2026-05-10T15:59:59Z'), Date.parse('2026-05-10T16:00:00Z'), Date.parse('2028-02-29T12:00:00Z'), Date.now()]) {
      const [card] = parseCardSpecs([childSampleCard(at)]);
      const today = hallLogDay(at);
      const record = parseBaseMessage(encodeCard(card!).text, encodeCard(card!).photo, { today });
      const [y, m, d] = today.split('-').map(Number) as [number, number, number];
      const twelfth = new Date(Date.UTC(y - 12, m - 1, d - 1)).toISOString().slice(0, 10);
      expect(record.birthDate).toBe(twelfth);
      expect(record.expired).toBe(false);
      expect(isUnderAge(record.birthDate, today)).toBe(true);
    }
    expect(sampleCards().map((c) => c.id)).toContain('resident-child');
  });

  it('offers on the emulator one card whose number fails its check digit, refused at the reader', () => {
    const unreadable = emulatorSampleCards().find((c) => c.id === UNREADABLE_SAMPLE_CARD.id)!;
    const { text, photo } = encodeCard(unreadable);
    let refusal: unknown;
    try {
      parseBaseMessage(text, photo, { today: '2026-11-21' });
    } catch (err) {
      refusal = err;
    }
    expect(refusal).toBeInstanceOf(CardRecordError);
    expect(refusal).toMatchObject({ reason: 'bad-id-number', field: 'idNumber', message: expect.stringMatching(/check-digit/) });
    expect(sampleCards().map((c) => c.id)).not.toContain(UNREADABLE_SAMPLE_CARD.id);
  });

  it('gives each adult sample card an owner among the shared labelled faces', () => {
    const identities = JSON.parse(readFileSync(faceFile('identities.json'), 'utf8')) as Record<string, string[]>;
    const ids = new Set(sampleCards().map((c) => c.id));
    for (const [card, owner] of Object.entries(SAMPLE_CARD_FACES)) {
      expect(ids.has(card), card).toBe(true);
      expect(identities[owner]?.length, owner).toBeGreaterThan(1);
    }
    expect(new Set(Object.values(SAMPLE_CARD_FACES)).size).toBe(Object.keys(SAMPLE_CARD_FACES).length);
  });
});
