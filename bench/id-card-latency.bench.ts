// ID card placement-to-record latency through a real pty, with the emulator (its own process,
// `kioskctl emulate idcard`) pacing bytes at 115200 baud 8N1. Reports:
// - placement → 'card-read' (includes waiting for the next 300 ms poll: what a citizen feels);
// - the driver's own overhead per read: its time from each reply's last byte to the next request
//   and to the parsed record. Target: median and p95 under 20 ms;
// - for context, the whole cycle (find sent → record parsed) minus the wire time of the bytes
//   exchanged (bytes × 10 / baud): driver + pty + emulator process, on a machine shared with others.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { IdCardReader, type ReadTiming } from '../devices/id-card/id-card-reader';
import { SerialPortTransport } from '../devices/serial/serial-port-transport';
import { wireTimeMs } from '../devices/emulators/paced-writer';
import { percentile } from './latency-figures';

const BAUD = 115_200;
const READS = 60;
const TARGET_MS = 20;

function control(link: string, command: object): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = connect(`${link}.ctl`, () => socket.write(JSON.stringify(command) + '\n'));
    socket.setEncoding('utf8');
    socket.once('data', (line: string) => {
      socket.end();
      const reply = JSON.parse(line) as { ok: boolean; error?: string };
      if (reply.ok) resolve();
      else reject(new Error(reply.error));
    });
    socket.on('error', reject);
  });
}

const dir = mkdtempSync(path.join(tmpdir(), 'idcard-bench-'));
const link = path.join(dir, 'ttyIDCARD');
const emulator = spawn(process.execPath, ['--import', 'tsx', 'cli/kioskctl.ts', 'emulate', 'idcard', '--link', link, '--baud', String(BAUD)], {
  stdio: ['pipe', 'pipe', 'inherit'],
});
let failed = false;
try {
  await new Promise<void>((resolve, reject) => {
    let out = '';
    emulator.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('emulating')) resolve();
    });
    emulator.once('exit', (code) => reject(new Error(`emulator exited with ${code}`)));
  });

  const reader = new IdCardReader({ transportFactory: () => new SerialPortTransport({ path: link, baudRate: BAUD }), pollIntervalMs: 300 });
  await new Promise<void>((resolve) => {
    reader.on('status', (s: { state: string }) => s.state === 'ready' && resolve());
    reader.start();
  });

  const latencies: number[] = [];
  const overheads: number[] = [];
  const cycleExtras: number[] = [];
  let wire = 0;
  for (let i = 0; i < READS + 3; i++) {
    const done = new Promise<{ at: number; timing: ReadTiming }>((resolve) => {
      let timing: ReadTiming;
      reader.once('read-timing', (t: ReadTiming) => (timing = t));
      reader.once('card-read', () => resolve({ at: performance.now(), timing }));
    });
    const placedAt = performance.now();
    await control(link, { cmd: 'place', card: i % 2 ? 'resident' : 'foreign-permanent-2023' });
    const { at, timing } = await done;
    wire = wireTimeMs(timing.wireBytes, BAUD);
    if (i >= 3) {
      // the first reads warm up the JIT
      latencies.push(at - placedAt);
      overheads.push(timing.driverMs);
      cycleExtras.push(timing.finishedAt - timing.startedAt - wire);
    }
    await control(link, { cmd: 'remove' });
    await new Promise((r) => setTimeout(r, Math.random() * 300)); // random phase against the poll
  }
  await reader.stop();

  latencies.sort((a, b) => a - b);
  overheads.sort((a, b) => a - b);
  cycleExtras.sort((a, b) => a - b);
  const om = percentile(overheads, 50);
  const o95 = percentile(overheads, 95);
  failed = om >= TARGET_MS || o95 >= TARGET_MS;
  console.log(`reads: ${READS} through a pty at ${BAUD} baud; wire time per read (find + select + read, both ways): ${wire.toFixed(1)} ms`);
  console.log(
    `placement → record: median ${percentile(latencies, 50).toFixed(1)} ms, p95 ${percentile(latencies, 95).toFixed(1)} ms (includes up to one 300 ms poll interval)`,
  );
  console.log(
    `cycle beyond wire time (driver + pty + emulator process): median ${percentile(cycleExtras, 50).toFixed(1)} ms, p95 ${percentile(cycleExtras, 95).toFixed(1)} ms`,
  );
  console.log(
    `driver's own overhead beyond wire time: median ${om.toFixed(2)} ms, p95 ${o95.toFixed(2)} ms (target < ${TARGET_MS} ms: ${failed ? 'MISSED' : 'ok'})`,
  );
} finally {
  emulator.kill('SIGTERM');
  await new Promise((r) => emulator.once('exit', r));
  rmSync(dir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
