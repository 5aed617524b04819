import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createKioskCore, type KioskCore } from '../../main/core/create-kiosk-core';
import { IdCardService } from '../../main/core/devices/id-card-service';
import { nextEvent } from '../../base/next-event';
import { nextEvent as nextCoreEvent } from '../helpers/next-event';
import { createLogger } from '../../main/logging/logger';
import { StaticKeyProvider } from '../../base/key-provider';
import { IdCardEmulatorHost } from '../../devices/emulators/id-card/emulator-host';
import { parseCardSpecs, SAMPLE_CARDS, sampleCards } from '../../devices/emulators/id-card/card-spec';

describe('nextEvent', () => {
  afterEach(() => vi.useRealTimers());

  it('ends on abort with null, keeping neither its listener nor its timer', async () => {
    vi.useFakeTimers();
    const emitter = new EventEmitter();
    const done = new AbortController();
    const next = nextEvent<string>(emitter, 'card-read', 60_000, done.signal);
    expect(emitter.listenerCount('card-read')).toBe(1);
    expect(vi.getTimerCount()).toBe(1);
    done.abort();
    expect(emitter.listenerCount('card-read')).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
    expect(await next).toBeNull();
  });
});

/** The service with its reader in view (only to count the reader's listeners). */
class InspectedIdCardService extends IdCardService {
  get reader() {
    return this.driver;
  }
}

/**
 * The technician's test read (`waitForRead`) through a real pty and the reader emulator: when a
 * refused card ends the wait, the wait for a good read ends with it (issue 12 review, point 4).
 */
describe('IdCardService.waitForRead', () => {
  let dir: string;
  let host: IdCardEmulatorHost;
  let core: KioskCore;
  let idCard: InspectedIdCardService;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'kiosk-wait-for-read-'));
    const linkPath = path.join(dir, 'ttyIdCard');
    const [refused] = parseCardSpecs([{ ...SAMPLE_CARDS[0]!, id: 'bad-number', idNumber: '110101199003070019' }]);
    host = new IdCardEmulatorHost({ linkPath, cards: [...sampleCards(), refused!], baudRate: 115200 });
    await host.start();
    const destination = new Writable({ write: (_chunk, _e, cb) => cb() });
    core = createKioskCore({
      dataDir: dir,
      shell: 'headless',
      logger: createLogger({ destination }),
      keyProvider: new StaticKeyProvider(Buffer.alloc(32, 3)),
      services: (ctx) => [(idCard = new InspectedIdCardService(ctx, (device) => (device === 'idCard' ? linkPath : null)))],
    });
    const ready = nextCoreEvent(core, 'device.state', (s) => s.device === 'idCard' && s.state === 'ready');
    await core.start();
    await ready;
  }, 30_000);

  afterAll(async () => {
    await core?.stop();
    await host?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps no card-read or card-rejected listener after a refused card', async () => {
    const reader = idCard.reader!;
    const before = { read: reader.listenerCount('card-read'), rejected: reader.listenerCount('card-rejected') };
    const outcome = idCard.waitForRead(60_000);
    expect(reader.listenerCount('card-read')).toBe(before.read + 1);
    host.emulator.place('bad-number');
    expect(await outcome).toMatchObject({ kind: 'rejected', rejection: { reason: 'bad-id-number' } });
    host.emulator.remove();
    expect(reader.listenerCount('card-read')).toBe(before.read);
    expect(reader.listenerCount('card-rejected')).toBe(before.rejected);
  });

  it('keeps no listener after a good read either', async () => {
    const reader = idCard.reader!;
    const before = { read: reader.listenerCount('card-read'), rejected: reader.listenerCount('card-rejected') };
    const outcome = idCard.waitForRead(60_000);
    host.emulator.place('resident');
    expect(await outcome).toMatchObject({ kind: 'read', record: { cardType: SAMPLE_CARDS[0]!.type } });
    host.emulator.remove();
    expect(reader.listenerCount('card-read')).toBe(before.read);
    expect(reader.listenerCount('card-rejected')).toBe(before.rejected);
  });
});
