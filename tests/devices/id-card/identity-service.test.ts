import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { IdentityService, type IdentityEvent } from '../../../main/core/identity/identity-service';
import { parseBaseMessage } from '../../../devices/id-card/card-parser';
import { encodeCard, sampleCards } from '../../../devices/emulators/id-card/card-spec';

function record(id: string, today = '2026-11-21') {
  const card = sampleCards().find((c) => c.id === id)!;
  const { text, photo } = encodeCard(card);
  return parseBaseMessage(text, photo, { today });
}

describe('IdentityService', () => {
  it('publishes display data only and keeps the full record in the core', () => {
    const reader = new EventEmitter();
    const events: IdentityEvent[] = [];
    const service = new IdentityService(reader, (e) => events.push(e));
    reader.emit('card-read', record('resident'));
    expect(events).toEqual([
      {
        kind: 'identified',
        identity: { cardType: 'resident', nameMasked: '测*一', idNumberMasked: '1101**********0011', genderLabel: '男', expired: false, idNumberValid: true },
      },
    ]);
    const published = JSON.stringify(events);
    expect(published).not.toContain('110101199003070011');
    expect(published).not.toContain('测试一');
    expect(published).not.toContain('北京');
    expect(service.current()?.idNumber).toBe('110101199003070011');
  });

  it('replaces the identity on a new card, reports expiry, and clears on reset', () => {
    const reader = new EventEmitter();
    const events: IdentityEvent[] = [];
    const service = new IdentityService(reader, (e) => events.push(e));
    reader.emit('card-read', record('resident'));
    reader.emit('card-read', record('hk-mo-tw-permit', '2030-01-01'));
    expect(events[1]).toMatchObject({ kind: 'identified', identity: { cardType: 'hk-mo-tw-permit', nameMasked: '测*港', expired: true } });
    service.reset();
    service.reset();
    expect(events.slice(2)).toEqual([{ kind: 'cleared' }]);
    expect(service.current()).toBeNull();
    service.dispose();
    reader.emit('card-read', record('resident'));
    expect(events).toHaveLength(3);
  });
});
