import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadCardFile, parseCardSpecs, SAMPLE_CARDS } from '../../../devices/emulators/id-card/card-spec';
import { parseControlJson, parseControlLine } from '../../../devices/emulators/id-card/control';
import { tempDir } from './helpers';

describe('emulator cards file', () => {
  it('loads cards from JSON (array or {cards}) and refuses bad ones naming the field', () => {
    const tmp = tempDir('idcard-cards-');
    try {
      const file = path.join(tmp.dir, 'cards.json');
      writeFileSync(file, JSON.stringify({ cards: [{ ...SAMPLE_CARDS[0], id: 'mine', validTo: 'long-term' }] }));
      expect(loadCardFile(file).map((c) => [c.id, c.validTo])).toEqual([['mine', 'long-term']]);
      writeFileSync(file, '{ not json');
      expect(() => loadCardFile(file)).toThrow(/cannot read cards file .*cards\.json/);
    } finally {
      tmp.cleanup();
    }
    expect(() => parseCardSpecs([{ ...SAMPLE_CARDS[0], gender: 'M' }], 'f.json')).toThrow(/^f\.json: 0\.gender: /);
    expect(() => parseCardSpecs([{ ...SAMPLE_CARDS[0], birthDate: '1990/03/07' }], 'f.json')).toThrow(/0\.birthDate: must be YYYY-MM-DD/);
    expect(() => parseCardSpecs([{ ...SAMPLE_CARDS[0], address: '长'.repeat(36) }], 'f.json')).toThrow(
      /card resident: address is 36 characters, at most 35 fit/,
    );
  });
});

describe('emulator control commands', () => {
  it('parses stdin lines and control-socket JSON lines into the same commands', () => {
    expect(parseControlLine('place resident')).toEqual({ cmd: 'place', card: 'resident' });
    expect(parseControlJson('{"cmd":"place","card":"resident"}')).toEqual({ cmd: 'place', card: 'resident' });
    expect(parseControlLine('  fault corrupt-checksum ')).toEqual({ cmd: 'fault', name: 'corrupt-checksum' });
    expect(parseControlJson('{"cmd":"unplug"}')).toEqual({ cmd: 'unplug' });
  });

  it('refuses unknown commands and faults with a message saying what is allowed', () => {
    expect(() => parseControlLine('shake')).toThrow(/unknown command "shake" \(place, remove, fault/);
    expect(() => parseControlLine('fault melt')).toThrow(/fault needs one of: chunked, noise, corrupt-checksum, read-failure, slow, lost-reply, sam-fault/);
    expect(() => parseControlLine('place')).toThrow(/place needs a card id/);
    expect(() => parseControlJson('nope')).toThrow(/not a JSON line/);
    expect(() => parseControlJson('{"cmd":"fault","name":"melt"}')).toThrow(/invalid command: name/);
  });
});
