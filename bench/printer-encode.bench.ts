// Encoding a queue ticket: time per ticket (target well under 1 ms) and its size on the wire
// (target < 600 bytes, i.e. < 60 ms at 115200 baud 8N1).
import { renderTicket, type QueueTicket } from '../devices/printer/layouts/ticket';
import { printerProfile } from '../devices/printer/profiles';
import { percentile } from './latency-figures';

const profile = printerProfile('generic-80mm-gb18030');
const base: Omit<QueueTicket, 'lang'> = {
  hall: '广州市天河区政务服务中心',
  number: 'A023',
  service: '社会保险参保登记',
  waitingAhead: 7,
  issuedAt: new Date('2026-11-21T06:05:00Z'),
  statusUrl: 'https://q.example.gov.cn/t/8f3a2c1d?hall=440106',
};

let failed = false;
for (const lang of ['zh-CN', 'zh-HK', 'en'] as const) {
  const ticket = { ...base, lang };
  for (let i = 0; i < 2000; i++) renderTicket({ ...ticket, waitingAhead: i % 50 }, { profile }); // warm-up
  const samples: number[] = [];
  let bytes = 0;
  for (let i = 0; i < 20_000; i++) {
    const t0 = process.hrtime.bigint();
    const out = renderTicket({ ...ticket, waitingAhead: i % 50 }, { profile });
    samples.push(Number(process.hrtime.bigint() - t0) / 1000);
    bytes = Math.max(bytes, out.length);
  }
  samples.sort((a, b) => a - b);
  const median = percentile(samples, 50);
  const p95 = percentile(samples, 95);
  const wireMs = (bytes * 10 * 1000) / 115_200; // 8N1: 10 bits a byte
  const timeOk = p95 < 1000;
  const sizeOk = bytes < 600;
  failed ||= !timeOk || !sizeOk;
  console.log(
    `ticket ${lang.padEnd(5)}  encode median ${median.toFixed(1)} µs, p95 ${p95.toFixed(1)} µs (target ≪ 1000 µs: ${timeOk ? 'ok' : 'MISSED'})  ` +
      `size ${bytes} bytes, ${wireMs.toFixed(1)} ms at 115200 (target < 600 bytes / < 60 ms: ${sizeOk ? 'ok' : 'MISSED'})`,
  );
}
{
  // For information: a printer without native QR gets the QR code as a raster image.
  const noqr = printerProfile('generic-80mm-gb18030-noqr');
  const samples: number[] = [];
  let bytes = 0;
  for (let i = 0; i < 500; i++) {
    const t0 = process.hrtime.bigint();
    bytes = renderTicket({ ...base, lang: 'zh-CN' }, { profile: noqr }).length;
    samples.push(Number(process.hrtime.bigint() - t0) / 1000);
  }
  samples.sort((a, b) => a - b);
  console.log(
    `ticket zh-CN on ${noqr.name} (raster QR, no target): encode median ${percentile(samples, 50).toFixed(1)} µs, ` +
      `size ${bytes} bytes, ${((bytes * 10 * 1000) / 115_200).toFixed(0)} ms at 115200`,
  );
}
process.exit(failed ? 1 : 0);
