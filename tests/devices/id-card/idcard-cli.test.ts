import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChildProcess } from 'node:child_process';
import { connect } from 'node:net';
import path from 'node:path';
import { runKioskctl, spawnKioskctl } from '../../helpers/kioskctl';
import { PtyPair } from '../../../devices/emulators/pty-pair';
import { IdCardReader, type ReaderStatus } from '../../../devices/id-card/id-card-reader';
import { SerialPortTransport } from '../../../devices/serial/serial-port-transport';
import type { IdCardRecord } from '../../../devices/id-card/card-parser';
import { tempDir, waitUntil } from './helpers';
import { nextEvent } from '../../helpers/next-event';

interface Emulator {
  child: ChildProcess;
  stdout: () => string;
}

/** Every emulator process started, so none outlives the tests even if a hook times out. */
const started: ChildProcess[] = [];

async function startEmulator(link: string): Promise<Emulator> {
  const child = spawnKioskctl(['emulate', 'idcard', '--link', link]);
  started.push(child);
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  await waitUntil(() => out.includes('emulating an ID card reader') || child.exitCode !== null, 'the emulator to start', 50_000);
  if (child.exitCode !== null) throw new Error(`emulator exited: ${err}`);
  return { child, stdout: () => out };
}

async function stopEmulator(emulator: Emulator): Promise<void> {
  if (emulator.child.exitCode !== null) return;
  const exited = new Promise((r) => emulator.child.once('exit', r));
  emulator.child.kill('SIGTERM');
  await exited;
}

/** One JSON command over the control socket, one JSON reply back. */
function control(link: string, command: object): Promise<{ ok: boolean; error?: string; status?: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const socket = connect(`${link}.ctl`, () => socket.write(JSON.stringify(command) + '\n'));
    let text = '';
    socket.setEncoding('utf8');
    socket.on('data', (d: string) => {
      text += d;
      if (text.includes('\n')) {
        socket.end();
        resolve(JSON.parse(text.slice(0, text.indexOf('\n'))));
      }
    });
    socket.on('error', reject);
  });
}

/** kioskctl under test, with a generous limit: the machine is shared with other test runs. */
const kioskctl = (args: string[]) => runKioskctl(args, { timeoutMs: 50_000 });

const KEYS = [
  'cardType',
  'name',
  'nameEnglish',
  'gender',
  'ethnicity',
  'birthDate',
  'address',
  'idNumber',
  'issuer',
  'validFrom',
  'validTo',
  'passNumber',
  'issueCount',
  'nationality',
  'idNumberValid',
  'expired',
  'photo',
];

describe('kioskctl idcard against kioskctl emulate idcard', () => {
  const tmp = tempDir('idcard-cli-');
  const link = path.join(tmp.dir, 'ttyIDCARD');
  let emulator: Emulator;

  beforeAll(async () => {
    emulator = await startEmulator(link);
  }, 60_000);

  afterAll(async () => {
    if (emulator) await stopEmulator(emulator);
    for (const child of started) if (child.exitCode === null) child.kill('SIGKILL');
    tmp.cleanup();
  });

  it('reads a card as JSON with personal fields masked', async () => {
    expect((await control(link, { cmd: 'place', card: 'resident' })).ok).toBe(true);
    const r = await kioskctl(['idcard', 'read', '--port', link, '--json', '--timeout-ms', '15000']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const card = JSON.parse(r.stdout);
    expect(Object.keys(card)).toEqual(KEYS);
    expect(card).toEqual({
      cardType: 'resident',
      name: '测*一',
      nameEnglish: null,
      gender: { code: '1', label: '男' },
      ethnicity: { code: '01', label: '汉' },
      birthDate: '1990-**-**',
      address: '北京市东城区*****',
      idNumber: '1101**********0011',
      issuer: '北京市公安局东城分局',
      validFrom: '2020-01-01',
      validTo: '2040-01-01',
      passNumber: null,
      issueCount: null,
      nationality: null,
      idNumberValid: true,
      expired: false,
      photo: { format: 'wlt', bytes: 1024 },
    });
    expect(r.stdout).not.toContain('110101199003070011');
    expect(r.stdout).not.toContain('测试一');
  }, 60_000);

  it('prints personal fields in clear with --reveal', async () => {
    await control(link, { cmd: 'remove' });
    await control(link, { cmd: 'place', card: 'hk-mo-tw-permit' });
    const r = await kioskctl(['idcard', 'read', '--port', link, '--json', '--reveal']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({
      cardType: 'hk-mo-tw-permit',
      name: '测试港',
      idNumber: '810000198512120020',
      passNumber: 'H12345678',
      issueCount: 1,
      birthDate: '1985-12-12',
    });
  }, 60_000);

  it('exits 2 when no card comes before the timeout', async () => {
    await control(link, { cmd: 'remove' });
    const r = await kioskctl(['idcard', 'read', '--port', link, '--timeout-ms', '3000']);
    expect(r.stderr).toContain('no card on the reader within 3000 ms');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
  }, 60_000);

  it('exits 3 naming the problem: port not found, SAM fault', async () => {
    const missing = await kioskctl(['idcard', 'read', '--port', path.join(tmp.dir, 'no-such-tty')]);
    expect(missing.code).toBe(3);
    expect(missing.stderr).toContain(`port not found: ${path.join(tmp.dir, 'no-such-tty')}`);

    await control(link, { cmd: 'fault', name: 'sam-fault' });
    const sam = await kioskctl(['idcard', 'read', '--port', link, '--timeout-ms', '3000']);
    await control(link, { cmd: 'clear' });
    expect(sam.code).toBe(3);
    expect(sam.stderr).toMatch(/SAM fault on .*SAM self-test failed \(SW3 60\)/);
  }, 60_000);

  it('exits 3 naming checksum errors when every read reply is corrupt until the timeout', async () => {
    for (let i = 0; i < 40; i++) await control(link, { cmd: 'fault', name: 'corrupt-checksum' });
    await control(link, { cmd: 'place', card: 'resident' });
    const r = await kioskctl(['idcard', 'read', '--port', link, '--timeout-ms', '3000']);
    await control(link, { cmd: 'clear' });
    await control(link, { cmd: 'remove' });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/read base message: checksum error in the reply/);
    expect(r.stdout).toBe('');
  }, 60_000);

  it('exits 3 with "no response" when nothing answers on the port', async () => {
    // A pty pair with nothing behind its far end: the port opens, but no reader answers.
    const silent = new PtyPair(path.join(tmp.dir, 'ttySILENT'));
    await silent.open();
    try {
      const r = await kioskctl(['idcard', 'read', '--port', silent.linkPath, '--timeout-ms', '2000']);
      expect(r.code).toBe(3);
      expect(r.stderr).toMatch(/no response from the ID card reader .*SAM status/);
    } finally {
      await silent.close();
    }
  }, 60_000);

  it('prints the SAM status and id', async () => {
    const r = await kioskctl(['idcard', 'sam', '--port', link, '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ port: link, status: 'ok', samId: '05.01-20260101-0000000001-0012345678' });
  }, 60_000);

  it('a driver reconnects by itself when the emulator process is killed and started again; stdin scripts it', async () => {
    const reader = new IdCardReader({
      transportFactory: () => new SerialPortTransport({ path: link, baudRate: 115200 }),
      pollIntervalMs: 100,
      reconnectMs: 100,
    });
    const reads: IdCardRecord[] = [];
    reader.on('card-read', (r: IdCardRecord) => reads.push(r));
    try {
      const ready = nextEvent<ReaderStatus>(reader, 'status', (s) => s.state === 'ready');
      reader.start();
      await ready;
      const gone = nextEvent<ReaderStatus>(reader, 'status', (s) => s.state === 'disconnected', 45_000);
      await stopEmulator(emulator);
      await gone;

      const back = nextEvent<ReaderStatus>(reader, 'status', (s) => s.state === 'ready', 45_000);
      emulator = await startEmulator(link);
      await back;
      emulator.child.stdin!.write('place foreign-permanent-2017\n');
      await waitUntil(() => reads.length === 1, 'a read after the restart');
      expect(reads[0]!.cardType).toBe('foreign-permanent-2017');
      expect(emulator.stdout()).toContain('"placedCard":"foreign-permanent-2017"');
    } finally {
      await reader.stop();
    }
  }, 120_000);
});
