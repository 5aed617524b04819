import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { checkDocumentPdf } from '../../../main/core/documents/pdf-checks';
import { renderTestPagePdf } from '../../../main/core/documents/test-page';

describe('renderTestPagePdf', () => {
  it('renders one A4 page that passes the document checks and names the terminal, printer and time', async () => {
    const pdf = await renderTestPagePdf({ terminalId: 'HALL-03-K07', target: 'ipp://localhost:631/printers/A4-前台', at: new Date('2026-12-05T08:30:00Z') });
    expect(await checkDocumentPdf(pdf)).toEqual({ ok: true, pages: 1 });

    const text = execFileSync('pdftotext', ['-layout', '-', '-'], { input: pdf, encoding: 'utf8' });
    expect(text).toContain('A4 printer test page');
    expect(text).toContain('HALL-03-K07');
    expect(text).toContain('ipp://localhost:631/printers/A4-??');
    expect(text).toContain('2026-12-05T08:30:00.000Z');
    expect(text).toContain('not an official document');

    const info = execFileSync('pdfinfo', ['-'], { input: pdf, encoding: 'utf8' });
    expect(info).toMatch(/Page size:\s+595\.2\d* x 841\.8\d* pts \(A4\)/);
  });
});
