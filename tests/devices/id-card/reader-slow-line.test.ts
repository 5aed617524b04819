import { afterEach, describe, expect, it } from 'vitest';
import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import { IdCardReader, type ReaderStatus } from '../../../devices/id-card/id-card-reader';
import type { IdCardRecord } from '../../../devices/id-card/card-parser';
import { SerialPortTransport } from '../../../devices/serial/serial-port-transport';
import { IdCardEmulatorHost } from '../../../devices/emulators/id-card/emulator-host';
import { sampleCards } from '../../../devices/emulators/id-card/card-spec';
import { encodeCommand } from '../../../devices/id-card/sam-codec';
import { SAM_COMMANDS } from '../../../devices/id-card/sam-protocol';
import { requestJsonLine } from '../../../devices/emulators/json-line-socket';
import { spawnKioskctl } from '../../helpers/kioskctl';
import { tempDir, waitUntil } from './helpers';
import { nextEvent } from '../../helpers/next-event';

/** Whichever comes first: the card's record, or the reader reporting an error. */
function readOrError(reader: IdCardReader): Promise<{ read: IdCardRecord } | { error: string }> {
  return Promise.race([
    nextEvent<IdCardRecord>(reader, 'card-read', () => true, 30_000).then((read) => ({ read })),
    nextEvent<ReaderStatus>(reader, 'status', (s) => s.state === 'error', 30_000).then((s) => ({ error: s.lastError?.message ?? '' })),
  ]);
}

/**
 * Reads that take longer than the request timeout, for reasons that are not the reader's fault:
 * a 9600-baud line, and a kiosk whose event loop was held up while the reply came in. A read
 * that really broke off ends in 'card-read-lost' (lay the card down again) instead of a card that
 * stays unreadable with no word to the citizen.
 */
describe('IdCardReader on slow lines and busy machines', () => {
  let tmp: ReturnType<typeof tempDir>;
  let reader: IdCardReader | null = null;
  let host: IdCardEmulatorHost | null = null;
  let child: ChildProcess | null = null;

  afterEach(async () => {
    await reader?.stop();
    await host?.stop();
    if (child && child.exitCode === null) {
      const exited = new Promise((r) => child!.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    reader = null;
    host = null;
    child = null;
    tmp?.cleanup();
  });

  async function startReader(linkPath: string, options: { baudRate: number; requestTimeoutMs: number }, transport?: () => SerialPortTransport) {
    reader = new IdCardReader({
      transportFactory: transport ?? (() => new SerialPortTransport({ path: linkPath, baudRate: options.baudRate })),
      pollIntervalMs: 50,
      requestTimeoutMs: options.requestTimeoutMs,
      baudRate: options.baudRate,
      reconnectMs: 100,
      today: () => '2026-11-21',
    });
    const ready = nextEvent(reader, 'status', (s: ReaderStatus) => s.state === 'ready');
    reader.start();
    await ready;
    return reader;
  }

  it('reads a card over a 9600-baud line with the default 1 s timeout (a base message takes ~1.35 s on the wire)', async () => {
    tmp = tempDir('idcard-9600-');
    const linkPath = path.join(tmp.dir, 'ttyIDCARD');
    host = new IdCardEmulatorHost({ linkPath, cards: sampleCards(), baudRate: 9600 });
    await host.start();
    const r = await startReader(linkPath, { baudRate: 9600, requestTimeoutMs: 1000 });
    for (const card of ['resident', 'foreign-permanent-2023']) {
      const outcome = readOrError(r);
      host.emulator.place(card);
      const result = await outcome;
      expect(result).toHaveProperty('read');
      expect((result as { read: IdCardRecord }).read.idNumberValid).toBe(true);
    }
  });

  it('takes a reply that arrived while its event loop was held up past the timeout', async () => {
    tmp = tempDir('idcard-held-');
    const linkPath = path.join(tmp.dir, 'ttyIDCARD');
    // The emulator runs in its own process, so it answers while this one is held up.
    child = spawnKioskctl(['emulate', 'idcard', '--link', linkPath]);
    let out = '';
    child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    await waitUntil(() => out.includes('emulating an ID card reader') || child!.exitCode !== null, 'the emulator process to start', 50_000);
    expect(child.exitCode).toBeNull();

    const readRequest = encodeCommand(SAM_COMMANDS.readBase);
    const HELD_MS = 1500;
    let held = 0;
    /** After writing "read base message", holds the event loop as a long GC or a busy machine would. */
    class HeldUpTransport extends SerialPortTransport {
      override async write(data: Uint8Array): Promise<void> {
        await super.write(data);
        if (Buffer.from(data).equals(readRequest)) {
          held++;
          const until = performance.now() + HELD_MS;
          while (performance.now() < until) {
            // busy: no timer, no I/O runs
          }
        }
      }
    }
    const r = await startReader(linkPath, { baudRate: 115200, requestTimeoutMs: 400 }, () => new HeldUpTransport({ path: linkPath, baudRate: 115200 }));
    const outcome = readOrError(r);
    expect(await requestJsonLine(`${linkPath}.ctl`, { cmd: 'place', card: 'resident' })).toMatchObject({ ok: true });
    const result = await outcome;
    expect(held).toBe(1);
    expect(result).toEqual({ read: expect.anything() });
    expect((result as { read: IdCardRecord }).read.cardType).toBe('resident');
  });

  it('asks for the card again when its read broke off and the reader halted it, then reads it when laid down anew', async () => {
    tmp = tempDir('idcard-lost-');
    const linkPath = path.join(tmp.dir, 'ttyIDCARD');
    host = new IdCardEmulatorHost({ linkPath, cards: sampleCards(), baudRate: 115200 });
    await host.start();
    const r = await startReader(linkPath, { baudRate: 115200, requestTimeoutMs: 300 });
    const reads: IdCardRecord[] = [];
    r.on('card-read', (record: IdCardRecord) => reads.push(record));

    const lost = nextEvent(r, 'card-read-lost');
    host.emulator.fault('lost-reply');
    host.emulator.place('resident');
    await lost;
    expect(reads).toEqual([]);
    expect(r.status.lastError?.message).toMatch(/no response to read base message within 300 ms/);

    const read = nextEvent<IdCardRecord>(r, 'card-read');
    host.emulator.remove();
    host.emulator.place('resident');
    expect((await read).cardType).toBe('resident');
    expect(r.status.state).toBe('ready');
  });

  it('says nothing of a lost read when the failed card can be read again at once (a garbled reply)', async () => {
    tmp = tempDir('idcard-garbled-');
    const linkPath = path.join(tmp.dir, 'ttyIDCARD');
    host = new IdCardEmulatorHost({ linkPath, cards: sampleCards(), baudRate: 115200 });
    await host.start();
    const r = await startReader(linkPath, { baudRate: 115200, requestTimeoutMs: 1000 });
    let lostCount = 0;
    r.on('card-read-lost', () => lostCount++);
    const read = nextEvent<IdCardRecord>(r, 'card-read');
    host.emulator.fault('corrupt-checksum');
    host.emulator.place('resident');
    expect((await read).cardType).toBe('resident');
    expect(lostCount).toBe(0);
  });
});
