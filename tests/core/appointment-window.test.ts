import { describe, expect, it } from 'vitest';
import { judgeAppointment } from '../../main/core/appointments/check-in-window';
import { citizenTime, slotText } from '../../main/core/appointments/appointment-sentences';

const MIN = 60_000;
/** The configuration's default window. */
const DEFAULT_CHECK_IN_WINDOW = { earlyMinutes: 30, lateMinutes: 15 };
/** 14:30 in the hall (UTC+8, as tickets print), whatever the machine's zone. */
const start = Date.parse('2026-11-21T14:30:00+08:00');
const booked = { status: 'booked' as const, slotStart: new Date(start).toISOString() };

describe('the check-in window (judged by the terminal)', () => {
  it('opens 30 min before the slot and closes 15 min after its start, both ends included', () => {
    const judge = (now: number) => judgeAppointment(booked, now, DEFAULT_CHECK_IN_WINDOW).state;
    expect(judge(start - 30 * MIN - 1)).toBe('early');
    expect(judge(start - 30 * MIN)).toBe('ready');
    expect(judge(start)).toBe('ready');
    expect(judge(start + 15 * MIN)).toBe('ready');
    expect(judge(start + 15 * MIN + 1)).toBe('late');
  });

  it('follows the window it is given', () => {
    expect(judgeAppointment(booked, start - 50 * MIN, { earlyMinutes: 60, lateMinutes: 0 }).state).toBe('ready');
    expect(judgeAppointment(booked, start + 1, { earlyMinutes: 60, lateMinutes: 0 }).state).toBe('late');
  });

  it('says used or cancelled whatever the time', () => {
    expect(judgeAppointment({ ...booked, status: 'checked-in' }, start, DEFAULT_CHECK_IN_WINDOW).state).toBe('used');
    expect(judgeAppointment({ ...booked, status: 'cancelled' }, start, DEFAULT_CHECK_IN_WINDOW).state).toBe('cancelled');
  });
});

describe('times as the citizen reads them', () => {
  it('shows the hour alone on the same day and the date on another day, in each language', () => {
    expect(citizenTime(start, start - 3 * 60 * MIN)).toEqual({ 'zh-CN': '14:30', 'zh-HK': '14:30', en: '14:30' });
    expect(citizenTime(start, start - 24 * 60 * MIN)).toEqual({ 'zh-CN': '11月21日 14:30', 'zh-HK': '11月21日 14:30', en: '21 Nov 14:30' });
    expect(slotText(start, start + 30 * MIN, start)).toEqual({ 'zh-CN': '14:30–15:00', 'zh-HK': '14:30–15:00', en: '14:30–15:00' });
  });

  it('counts the day in the hall: 23:30 and 00:30 the next morning in the hall are different days even where UTC says otherwise', () => {
    const lateEvening = Date.parse('2026-11-21T23:30:00+08:00');
    const nextMorning = Date.parse('2026-11-22T00:30:00+08:00');
    expect(citizenTime(nextMorning, lateEvening)).toEqual({ 'zh-CN': '11月22日 00:30', 'zh-HK': '11月22日 00:30', en: '22 Nov 00:30' });
    expect(citizenTime(Date.parse('2026-11-21T08:00:00+08:00'), lateEvening)['zh-CN']).toBe('08:00');
    expect(slotText(lateEvening + 15 * MIN, nextMorning + 15 * MIN, lateEvening)['zh-CN']).toBe('23:45–00:45');
  });
});
