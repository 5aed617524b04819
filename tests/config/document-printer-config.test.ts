import { describe, expect, it } from 'vitest';
import { defaultConfig, validateConfig } from '../../common/config/schema';

const withPrinter = (documentPrinter: object) => validateConfig({ devices: { documentPrinter } });

/** devices.documentPrinter: the A4 printer staff name, checked like every other setting. */
describe('the A4 printer setting', () => {
  it('defaults to the embedded queue, A4, one-sided', () => {
    expect(defaultConfig().devices.documentPrinter).toEqual({ enabled: true, printer: null, paperSize: 'A4', duplex: false });
  });

  it.each(['ipp://192.168.1.20:631/ipp/print', 'ipps://printer.hall.example/printers/a4', 'hall-a4', 'HP LaserJet M507 (大厅)', '\\\\printsrv\\A4-Hall'])(
    'takes %s',
    (printer) => {
      const r = withPrinter({ printer, paperSize: 'A3', duplex: true });
      expect(r.ok).toBe(true);
      expect(r.ok && r.config.devices.documentPrinter).toEqual({ enabled: true, printer, paperSize: 'A3', duplex: true });
    },
  );

  it.each([
    ['http://192.168.1.20/ipp', 'printer', 'an IPP address'],
    ['ipp://', 'printer', 'an IPP address'],
    ['queue#2', 'printer', 'without / or #'],
    ['', 'printer', 'must name a printer'],
  ])('refuses %j naming the field and why', (printer, field, why) => {
    const r = withPrinter({ printer });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.issues).toEqual([expect.objectContaining({ path: `devices.documentPrinter.${field}`, message: expect.stringContaining(why) })]);
  });

  it('refuses a paper size it cannot ask the print system for', () => {
    const r = withPrinter({ paperSize: 'B5' });
    expect(!r.ok && r.issues).toEqual([expect.objectContaining({ path: 'devices.documentPrinter.paperSize', message: 'must be A4, A3 or Letter' })]);
  });
});
