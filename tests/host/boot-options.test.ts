import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { bootTestKiosk, type TestKiosk } from '../helpers/test-kiosk';
import { nextEvent } from '../helpers/next-event';
import { call } from '../helpers/core-call';
import { ManualTimers } from '../helpers/manual-timers';
import { createLogger } from '../../main/logging/logger';
import { IdCardEmulatorHost } from '../../devices/emulators/id-card/emulator-host';
import { emulatorSampleCards } from '../../devices/emulators/id-card/card-spec';
import { SerialPortTransport } from '../../devices/serial/serial-port-transport';

/** bootKiosk on a clock, a logger and an ID card reader transport the host hands it. */
describe('boot options', () => {
  let kiosk: TestKiosk;
  let reader: IdCardEmulatorHost;
  let readerDir: string;
  const logLines: string[] = [];
  // Near real time: the embedded hub refuses requests signed far from its own clock.
  const clock = new ManualTimers(Math.floor(Date.now() / 60_000) * 60_000 - 60_000);

  beforeAll(async () => {
    readerDir = mkdtempSync(path.join(os.tmpdir(), 'kiosk-boot-reader-'));
    reader = new IdCardEmulatorHost({ linkPath: path.join(readerDir, 'ttyReader'), cards: emulatorSampleCards() });
    await reader.start();
    const destination = new Writable({
      write(chunk, _encoding, done) {
        logLines.push(chunk.toString());
        done();
      },
    });
    kiosk = await bootTestKiosk('boot-options', {
      clock,
      logger: createLogger({ destination }),
      transports: { idCard: () => new SerialPortTransport({ path: reader.options.linkPath, baudRate: 115200 }) },
    });
  }, 60_000);
  afterAll(async () => {
    await kiosk?.stop();
    await reader?.stop();
    rmSync(readerDir, { recursive: true, force: true });
  });

  it('reads a card laid on the reader behind the given transport into the session, and starts no emulator in its place', async () => {
    expect(kiosk.embedded.idCardEmulator).toBeNull();
    const identified = nextEvent(kiosk.core, 'identity.changed', (p) => p.kind === 'identified');
    reader.emulator.place('resident');
    expect(await identified).toMatchObject({ identity: { cardType: 'resident', idNumberValid: true } });
    expect(await call(kiosk.core, 'face.status', {})).toMatchObject({ identity: 'card' });
  });

  it('dates a rating by the given clock', async () => {
    const first = await call(kiosk.core, 'rating.submit', { serviceCode: 'A', rating: 5 });
    expect(kiosk.queue.outbox.get(first.key)?.payload).toMatchObject({ ratedAt: new Date(clock.now()).toISOString(), subject: expect.any(String) });
    clock.advance(90_000);
    const second = await call(kiosk.core, 'rating.submit', { serviceCode: 'A', rating: 4 });
    expect(kiosk.queue.outbox.get(second.key)?.payload).toMatchObject({ ratedAt: new Date(clock.now()).toISOString() });
  });

  it('logs to the given logger, not to a log file of its own', () => {
    expect(logLines.join('')).toMatch(/"msg":"card read"/);
    expect(existsSync(path.join(kiosk.dir, 'logs', 'kiosk.log'))).toBe(false);
  });
});
