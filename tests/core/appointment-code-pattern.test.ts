import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { compileSafePattern } from '../../common/patterns/safe-pattern';
import { bootTestKiosk, type TestKiosk } from '../helpers/test-kiosk';

// The real compiler, watched: how often the kiosk compiles a pattern is what is tested here.
vi.mock('../../common/patterns/safe-pattern', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../common/patterns/safe-pattern')>();
  return { ...actual, compileSafePattern: vi.fn(actual.compileSafePattern) };
});

/** A pattern that takes RE2 tens of milliseconds to compile (issue 12 review, point 5). */
const SLOW_TO_COMPILE = '^APT-(.*){1,1000}$';
const OTHER = '^BOOK-[0-9]{6}$';
/** A payment QR: not an appointment code under either pattern, so nothing goes to the hub. */
const PAYMENT_QR = 'https://pay.example.com/qr/8f3a9c';

/**
 * services.appointmentCodePattern is compiled once per pattern, not at every scan: a citizen who
 * scans a payment code five times costs one compilation, and a changed setting one more.
 */
describe('the appointment code pattern', () => {
  let kiosk: TestKiosk;
  const compiledFrom = (source: string) => vi.mocked(compileSafePattern).mock.calls.filter(([s]) => s === source).length;
  const scan = async (code: string) => expect(await kiosk.core.invoke('appointment.find', { code })).toMatchObject({ ok: true, output: { appointments: [] } });

  beforeAll(async () => {
    kiosk = await bootTestKiosk('appointment-pattern', { config: { services: { appointmentCodePattern: SLOW_TO_COMPILE } } });
  }, 60_000);
  afterAll(async () => kiosk?.stop());

  it('is compiled once for any number of scans', async () => {
    for (let i = 0; i < 5; i++) await scan(PAYMENT_QR);
    expect(compiledFrom(SLOW_TO_COMPILE)).toBe(1);
  });

  it('is compiled again when staff or the hub change it, and the new one applies', async () => {
    const config = kiosk.core.config.config;
    kiosk.core.config.replace({ ...config, services: { ...config.services, appointmentCodePattern: OTHER } });
    for (let i = 0; i < 3; i++) await scan(PAYMENT_QR);
    expect(compiledFrom(OTHER)).toBe(1);
    expect(compiledFrom(SLOW_TO_COMPILE)).toBe(1);
  });
});
