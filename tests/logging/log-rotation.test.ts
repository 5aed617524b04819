import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createLogger } from '../../main/logging/logger';
import { hallLogDay, REOPEN_INTERVAL_MS } from '../../main/logging/daily-log-file';

/** A clock the test moves by hand: rotation by day without waiting for one. */
function handClock(iso: string) {
  let now = Date.parse(iso);
  return { now: () => now, set: (at: string) => (now = Date.parse(at)) };
}

const lines = (file: string) =>
  readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { msg: string; time: string });
const msgs = (file: string) => lines(file).map((l) => l.msg);

describe('log files by hall day', () => {
  let dir: string;
  let logDir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'kiosk-logs-'));
    logDir = path.join(dir, 'logs');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('names the day on the hall clock (UTC+8), whatever the machine zone', () => {
    expect(hallLogDay(Date.parse('2026-11-21T15:59:59.999Z'))).toBe('2026-11-21');
    expect(hallLogDay(Date.parse('2026-11-21T16:00:00.000Z'))).toBe('2026-11-22');
  });

  it('starts a new kiosk.log at the hall’s midnight and keeps the day before as kiosk-YYYY-MM-DD.log', () => {
    const clock = handClock('2026-11-21T15:59:59.000Z'); // 23:59:59 in the hall
    const log = createLogger({ logDir, clock: clock.now, logDays: 30 });
    log.info('last line of the 21st');
    clock.set('2026-11-21T16:00:01.000Z'); // 00:00:01 on the 22nd in the hall
    log.info('first line of the 22nd');
    clock.set('2026-11-22T00:30:00.000Z'); // UTC midnight is 08:30 in the hall: no new file
    log.info('morning of the 22nd');

    expect(readdirSync(logDir).sort()).toEqual(['kiosk-2026-11-21.log', 'kiosk.log']);
    expect(msgs(path.join(logDir, 'kiosk-2026-11-21.log'))).toEqual(['last line of the 21st']);
    expect(msgs(path.join(logDir, 'kiosk.log'))).toEqual(['first line of the 22nd', 'morning of the 22nd']);
    // Record times come from the same clock.
    expect(lines(path.join(logDir, 'kiosk.log'))[0]!.time).toBe('2026-11-21T16:00:01.000Z');
  });

  it('rotates across days the kiosk logged nothing, naming each file by the day it holds', () => {
    const clock = handClock('2026-11-21T04:00:00.000Z');
    const log = createLogger({ logDir, clock: clock.now, logDays: 30 });
    log.info('on the 21st');
    clock.set('2026-11-24T04:00:00.000Z');
    log.info('on the 24th');
    clock.set('2026-11-25T04:00:00.000Z');
    log.info('on the 25th');
    expect(readdirSync(logDir).sort()).toEqual(['kiosk-2026-11-21.log', 'kiosk-2026-11-24.log', 'kiosk.log']);
    expect(msgs(path.join(logDir, 'kiosk-2026-11-24.log'))).toEqual(['on the 24th']);
    expect(msgs(path.join(logDir, 'kiosk.log'))).toEqual(['on the 25th']);
  });

  it('at start, files a kiosk.log left from an earlier day under that day', () => {
    mkdirSync(logDir, { recursive: true });
    const left = path.join(logDir, 'kiosk.log');
    writeFileSync(left, '{"msg":"before the kiosk was switched off"}\n');
    const lastWritten = Date.parse('2026-11-19T10:00:00.000Z');
    utimesSync(left, lastWritten / 1000, lastWritten / 1000);
    const log = createLogger({ logDir, clock: handClock('2026-11-21T04:00:00.000Z').now, logDays: 30 });
    log.info('after start');
    expect(msgs(path.join(logDir, 'kiosk-2026-11-19.log'))).toEqual(['before the kiosk was switched off']);
    expect(msgs(left)).toEqual(['after start']);
  });

  it('purges days older than retention.logDays at start and at each rotation, and nothing else', () => {
    mkdirSync(logDir, { recursive: true });
    for (const name of [
      'kiosk-2026-11-10.log',
      'kiosk-2026-11-18.log',
      'kiosk-2026-11-18.1.log',
      'kiosk-2026-11-19.log',
      'kiosk-2026-11-20.log',
      'notes.txt',
      'other-2026-11-01.log',
    ]) {
      writeFileSync(path.join(logDir, name), '{}\n');
    }
    let logDays = 3;
    const clock = handClock('2026-11-21T04:00:00.000Z');
    const log = createLogger({ logDir, clock: clock.now, logDays: () => logDays });
    // Three hall days kept, today's included: the 19th, the 20th and the 21st.
    expect(readdirSync(logDir).sort()).toEqual(['kiosk-2026-11-19.log', 'kiosk-2026-11-20.log', 'kiosk.log', 'notes.txt', 'other-2026-11-01.log']);

    log.info('on the 21st');
    clock.set('2026-11-22T04:00:00.000Z');
    log.info('on the 22nd');
    expect(readdirSync(logDir).sort()).toEqual(['kiosk-2026-11-20.log', 'kiosk-2026-11-21.log', 'kiosk.log', 'notes.txt', 'other-2026-11-01.log']);

    // A changed setting applies at the next rotation, without a restart.
    logDays = 1;
    clock.set('2026-11-23T04:00:00.000Z');
    log.info('on the 23rd');
    expect(readdirSync(logDir).sort()).toEqual(['kiosk.log', 'notes.txt', 'other-2026-11-01.log']);
    expect(msgs(path.join(logDir, 'kiosk.log'))).toEqual(['on the 23rd']);
  });

  it.skipIf(process.platform === 'win32')('writes every log file 0600 in a 0700 directory, also under umask 022', () => {
    const previous = process.umask(0o022);
    try {
      const clock = handClock('2026-11-21T04:00:00.000Z');
      const log = createLogger({ logDir, clock: clock.now });
      log.info('one');
      clock.set('2026-11-22T04:00:00.000Z');
      log.info('two');
    } finally {
      process.umask(previous);
    }
    expect(statSync(logDir).mode & 0o777).toBe(0o700);
    for (const name of ['kiosk.log', 'kiosk-2026-11-21.log'])
      expect({ name, mode: statSync(path.join(logDir, name)).mode & 0o777 }).toEqual({ name, mode: 0o600 });
  });

  it('keeps logging in kiosk.log when the day file cannot be renamed away', () => {
    const clock = handClock('2026-11-21T04:00:00.000Z');
    const log = createLogger({ logDir, clock: clock.now, logDays: 30 });
    log.info('on the 21st');
    rmSync(path.join(logDir, 'kiosk.log')); // a technician removed it
    clock.set('2026-11-22T04:00:00.000Z');
    log.info('on the 22nd');
    expect(existsSync(path.join(logDir, 'kiosk-2026-11-21.log'))).toBe(false);
    expect(msgs(path.join(logDir, 'kiosk.log'))).toEqual(['on the 22nd']);
  });

  it('opens kiosk.log again after it could not be reopened at midnight: tried at most once a second, said once', () => {
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const clock = handClock('2026-11-21T15:59:59.000Z');
      const at = (ms: number) => new Date(Date.parse('2026-11-21T16:00:01.000Z') + ms).toISOString();
      const log = createLogger({ logDir, clock: clock.now, logDays: 30 });
      log.info('on the 21st');
      rmSync(logDir, { recursive: true }); // the folder is gone at midnight (a technician, a lost mount)
      // Five seconds of lines, ten a second, while it cannot be opened: dropped, and the failure said once.
      for (let ms = 0; ms < 5 * REOPEN_INTERVAL_MS; ms += REOPEN_INTERVAL_MS / 10) {
        clock.set(at(ms));
        log.info(`dropped at +${ms} ms`);
      }
      const said = stderr.mock.calls.map(([text]) => String(text)).filter((text) => text.includes('not reopened'));
      expect(said).toEqual([expect.stringContaining(path.join(logDir, 'kiosk.log'))]);

      mkdirSync(logDir, { mode: 0o700 });
      // The last attempt was at +4 s: a line 0.9 s later does not try again.
      clock.set(at(5 * REOPEN_INTERVAL_MS - REOPEN_INTERVAL_MS / 10));
      log.info('too soon after the last attempt');
      expect(existsSync(path.join(logDir, 'kiosk.log'))).toBe(false);
      clock.set(at(5 * REOPEN_INTERVAL_MS));
      log.info('a second after the last attempt');
      log.info('and on');
      expect(msgs(path.join(logDir, 'kiosk.log'))).toEqual(['a second after the last attempt', 'and on']);
      expect(statSync(path.join(logDir, 'kiosk.log')).mode & 0o777).toBe(0o600);
    } finally {
      stderr.mockRestore();
    }
  });

  it('once closed, drops late lines without throwing and opens nothing again, even across midnight, so its folder can be removed', () => {
    const clock = handClock('2026-11-21T15:59:59.000Z');
    const log = createLogger({ logDir, clock: clock.now, logDays: 30 });
    log.info('before the kiosk stopped');
    log.closeFile();
    log.info('a late line the same day');
    expect(msgs(path.join(logDir, 'kiosk.log'))).toEqual(['before the kiosk stopped']);
    rmSync(dir, { recursive: true, force: true });
    clock.set('2026-11-22T04:00:00.000Z');
    expect(() => log.info('a late line the next day')).not.toThrow();
    expect(existsSync(dir)).toBe(false);
  });
});
