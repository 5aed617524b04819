import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import path from 'node:path';
import { IdCardReader, type CardRejection, type ReaderStatus } from '../../../devices/id-card/id-card-reader';
import type { IdCardRecord } from '../../../devices/id-card/card-parser';
import { SerialPortTransport } from '../../../devices/serial/serial-port-transport';
import { IdCardEmulatorHost } from '../../../devices/emulators/id-card/emulator-host';
import { parseCardSpecs, SAMPLE_CARDS, sampleCards } from '../../../devices/emulators/id-card/card-spec';
import { CARD_TYPES } from '../../../devices/id-card/card-layout';
import { tempDir, waitUntil } from './helpers';
import { nextEvent } from '../../helpers/next-event';

// Everything here goes through a real pty made by socat, with the emulator pacing at 115200 baud.
describe('IdCardReader through a pty with the emulator', () => {
  let tmp: ReturnType<typeof tempDir>;
  let linkPath: string;
  let host: IdCardEmulatorHost;
  let reader: IdCardReader;
  let reads: IdCardRecord[];
  let removals: number;
  let statuses: ReaderStatus[];

  const finds = () => host.emulator.snapshot().commandCounts['find card'] ?? 0;
  /** Waits for the driver to poll `n` more times: proof that time passed with the driver active. */
  const pollsPass = async (n: number) => {
    const target = finds() + n;
    await waitUntil(() => finds() >= target, `${n} polls`);
  };
  const errorStatus = (pattern: RegExp) => nextEvent<ReaderStatus>(reader, 'status', (s) => s.state === 'error' && pattern.test(s.lastError?.message ?? ''));

  beforeEach(async () => {
    tmp = tempDir('idcard-pty-');
    linkPath = path.join(tmp.dir, 'ttyIDCARD');
    host = new IdCardEmulatorHost({ linkPath, cards: sampleCards(), baudRate: 115200, slowMs: 4000 });
    await host.start();
    reader = new IdCardReader({
      transportFactory: () => new SerialPortTransport({ path: linkPath, baudRate: 115200 }),
      pollIntervalMs: 50,
      requestTimeoutMs: 3000, // generous: the machine may be busy; the slow fault waits 4000 ms
      reconnectMs: 100,
      today: () => '2026-11-21',
    });
    reads = [];
    removals = 0;
    statuses = [];
    reader.on('card-read', (r: IdCardRecord) => reads.push(r));
    reader.on('card-removed', () => removals++);
    reader.on('status', (s: ReaderStatus) => statuses.push(s));
    const ready = nextEvent(reader, 'status', (s: ReaderStatus) => s.state === 'ready');
    reader.start();
    await ready;
  });

  afterEach(async () => {
    await reader.stop();
    await host.stop();
    tmp.cleanup();
  });

  it('reads each of the four card types', async () => {
    for (const type of CARD_TYPES) {
      const read = nextEvent<IdCardRecord>(reader, 'card-read');
      host.emulator.place(type);
      const record = await read;
      expect(record.cardType).toBe(type);
      expect(record.idNumberValid).toBe(true);
      expect(record.photo.wlt.length).toBe(1024);
    }
    expect(reads.map((r) => r.name)).toEqual(['测试一', '测试港', '测试外', '测试新']);
    expect(reader.status.state).toBe('ready');
  });

  it('refuses a card with an invalid ID number or impossible dates with card-rejected, then reads a good card', async () => {
    const rejections: CardRejection[] = [];
    reader.on('card-rejected', (r: CardRejection) => rejections.push(r));
    const resident = SAMPLE_CARDS[0]!;
    const [badNumber, badDate] = parseCardSpecs([
      { ...resident, id: 'bad-number', idNumber: '110101199003070012' },
      { ...resident, id: 'bad-date', validFrom: '2041-01-01' },
    ]);
    host.emulator.addCard(badNumber!);
    host.emulator.addCard(badDate!);
    for (const [card, reason, field] of [
      ['bad-number', 'bad-id-number', 'idNumber'],
      ['bad-date', 'bad-date', 'validTo'],
    ] as const) {
      const rejected = nextEvent<CardRejection>(reader, 'card-rejected');
      host.emulator.place(card);
      expect(await rejected).toEqual({ reason, field });
      expect(reader.status.state).toBe('ready');
      expect(reader.status.lastError?.message).toContain(reason);
      expect(reader.status.lastError?.message).not.toContain('110101199003070012');
      // Left lying on the reader, the refused card is refused once, not again on every poll.
      await pollsPass(3);
      expect(rejections.at(-1)).toEqual({ reason, field });
      host.emulator.remove();
      await pollsPass(1);
    }
    expect(rejections).toHaveLength(2);
    expect(reads).toEqual([]);
    expect(statuses.filter((s) => s.state === 'error')).toEqual([]);
    const read = nextEvent<IdCardRecord>(reader, 'card-read');
    host.emulator.place('resident');
    expect((await read).idNumber).toBe(resident.idNumber);
  });

  it('reads a card left on the reader once, and again after removal and placement', async () => {
    host.emulator.place('resident');
    await waitUntil(() => reads.length === 1, 'first read');
    await pollsPass(10);
    expect(reads).toHaveLength(1);
    expect(removals).toBe(0);

    host.emulator.remove();
    await pollsPass(3);
    host.emulator.place('resident');
    await waitUntil(() => reads.length === 2, 'second read');
    expect(removals).toBe(1);
    await pollsPass(5);
    expect(reads).toHaveLength(2);
  });

  it('survives chunked replies and noise before the preamble without an error', async () => {
    for (const fault of ['chunked', 'noise'] as const) {
      const applied = nextEvent(host.emulator, 'fault-applied', (f) => f === fault);
      host.emulator.fault(fault);
      host.emulator.place('hk-mo-tw-permit');
      await applied;
      await waitUntil(() => reads.length > 0, `read with ${fault}`);
      expect(reads.pop()!.cardType).toBe('hk-mo-tw-permit');
      host.emulator.remove();
    }
    expect(statuses.filter((s) => s.state === 'error')).toEqual([]);
    expect(reader.diagnostics.noiseBytes).toBeGreaterThan(0);
  });

  it.each([
    ['corrupt-checksum', /read base message: checksum error in the reply/],
    ['read-failure', /read base message: read failed \(SW3 41\)/],
    ['slow', /no response to read base message within 3000 ms/],
  ] as const)('survives the %s fault with a clear error status, then reads the card', async (fault, message) => {
    const failed = errorStatus(message);
    host.emulator.fault(fault);
    host.emulator.place('resident');
    const status = await failed;
    expect(status.lastError?.at).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    await waitUntil(() => reads.length === 1, 'read after the fault');
    await waitUntil(() => reader.status.state === 'ready', 'ready again');
    expect(reader.status.lastError?.message).toMatch(message);
    await pollsPass(5);
    expect(reads).toHaveLength(1);
  });

  it('reports a SAM fault, and recovers when it clears', async () => {
    const failed = errorStatus(/SAM fault: find card: SAM self-test failed \(SW3 60\)/);
    host.emulator.fault('sam-fault');
    await failed;
    host.emulator.clearFaults();
    await waitUntil(() => reader.status.state === 'ready', 'ready after the SAM fault');
  });

  it('reports disconnected when the reader is unplugged and reconnects by itself when it comes back', async () => {
    host.emulator.place('resident');
    await waitUntil(() => reads.length === 1, 'first read');
    const gone = nextEvent<ReaderStatus>(reader, 'status', (s) => s.state === 'disconnected');
    await host.unplug();
    expect((await gone).state).toBe('disconnected');
    expect(removals).toBe(1); // the card's presence is unknown once the link is gone

    const back = nextEvent<ReaderStatus>(reader, 'status', (s) => s.state === 'ready');
    await host.replug();
    await back;
    host.emulator.place('foreign-permanent-2023');
    await waitUntil(() => reads.length === 2, 'read after replug');
    expect(reads[1]!.cardType).toBe('foreign-permanent-2023');
  });

  it('reconnects to a new emulator after the old one was killed (pty closed)', async () => {
    const gone = nextEvent<ReaderStatus>(reader, 'status', (s) => s.state === 'disconnected');
    await host.stop();
    await gone;
    await pollsPass(0);
    host = new IdCardEmulatorHost({ linkPath, cards: sampleCards() });
    const back = nextEvent<ReaderStatus>(reader, 'status', (s) => s.state === 'ready');
    await host.start();
    await back;
    host.emulator.place('foreign-permanent-2017');
    await waitUntil(() => reads.length === 1, 'read from the new emulator');
    expect(reads[0]!.nationality).toBe('USA');
  });
});
