import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { saveScreenshot } from '../../testing/chromium/chromium';
import type { RunningWebShell } from '../../testing/chromium/web-shell-process';
import { openKioskInChromium, readCardToMenu, type KioskInChromium } from './helpers/kiosk-in-chromium';
import { embeddedHubDump } from './helpers/embedded-hub-admin';
import { expectElderScreen } from './helpers/accessibility';
import { cupsPdfOutputDir, disableQueue, enableQueue, ensureEmbeddedCupsQueue, removeQueue } from '../../devices/document-printer/cups-queue';
import { verificationCodeOf } from '../../hub/demo-documents';

/** A cups-pdf queue of this test's own: a kiosk starting elsewhere re-enables only the embedded `kiosk-a4`. */
const QUEUE = 'kiosk-e2e-documents';

/** The ids of the queue's completed jobs, as CUPS lists them. */
function completedJobs(): number[] {
  const out = execFileSync('lpstat', ['-W', 'completed', '-o', QUEUE], { encoding: 'utf8' });
  return [...out.matchAll(new RegExp(`^${QUEUE}-(\\d+)\\s`, 'gm'))].map((m) => Number(m[1]));
}

function allJobs(): number[] {
  const out = execFileSync('lpstat', ['-W', 'all', '-o', QUEUE], { encoding: 'utf8' });
  return [...out.matchAll(new RegExp(`^${QUEUE}-(\\d+)\\s`, 'gm'))].map((m) => Number(m[1]));
}

/** What CUPS itself records of a job (ipptool). */
function cupsJobRecord(jobId: number): string {
  return execFileSync('ipptool', ['-tv', `ipp://localhost:631/jobs/${jobId}`, 'get-job-attributes.test'], { encoding: 'utf8' });
}

/** The text of the cups-pdf files written since `since` (ms), newest first. */
function printedPdfTexts(since: number): string[] {
  const dir = cupsPdfOutputDir();
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.pdf'))
    .map((f) => path.join(dir, f))
    .filter((f) => statSync(f).mtimeMs >= since)
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)
    .map((f) => execFileSync('pdftotext', [f, '-'], { encoding: 'utf8' }));
}

/** How many pixels of a drawn page are not white: a blank canvas has none. */
function inkedPixels(page: Page, pageNumber: number): Promise<number> {
  return page.evaluate(`(() => {
    const canvas = document.querySelector('canvas[data-testid="document-page"][data-page="${pageNumber}"]');
    if (!canvas || canvas.width === 0) return 0;
    const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    let inked = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i] < 200 || data[i + 1] < 200 || data[i + 2] < 200) inked++;
    return inked;
  })()`) as Promise<number>;
}

/**
 * 证明打印 in Chromium through the web shell: card → 社保参保证明打印 → the hub's document previewed by
 * pdf.js → 2 copies → printed through cupsd to a cups-pdf queue; and a stopped queue told before
 * the copies are chosen, with nothing sent.
 */
describe('official documents printed on the A4 printer (CUPS) in Chromium', () => {
  let kiosk: KioskInChromium;
  let shell: RunningWebShell;
  let page: Page;

  const openFirstDocument = async (): Promise<string> => {
    await readCardToMenu(shell, page);
    await page.getByTestId('service-P1').click();
    const item = page.getByTestId('document-item').first();
    await item.waitFor({ timeout: 20_000 });
    const id = (await item.getAttribute('data-document-id'))!;
    await item.click();
    await page.getByTestId('document-preview').waitFor({ timeout: 20_000 });
    return id;
  };

  beforeAll(async () => {
    const queue = await ensureEmbeddedCupsQueue({ queue: QUEUE });
    if (!queue.ok) throw new Error(queue.problem);
    kiosk = await openKioskInChromium({ config: { devices: { documentPrinter: { printer: QUEUE } } } });
    ({ shell, page } = kiosk);
  });
  afterAll(async () => {
    await kiosk?.close();
    await removeQueue(QUEUE);
  });

  it('previews every page, prints two copies through cupsd, and the hub hears of it once', async () => {
    const startedAt = Date.now() - 1000;
    const id = await openFirstDocument();
    const pages = Number(await page.getByTestId('document-preview').getAttribute('data-pages'));
    expect(pages).toBe(2);
    await expect.poll(() => inkedPixels(page, 1), { timeout: 15_000 }).toBeGreaterThan(5000);
    await expect.poll(() => inkedPixels(page, 2), { timeout: 15_000 }).toBeGreaterThan(5000);
    await saveScreenshot(page, 'document-preview');

    await page.getByTestId('document-print').click();
    await page.getByTestId('document-copies').waitFor({ timeout: 15_000 });
    await page.getByTestId('document-copies-2').click();
    await page.getByTestId('document-print-confirm').click();
    await page.getByTestId('document-printed').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('document-printed').textContent()).toBe('请取走打印的文件');
    expect(await page.getByTestId('document-sheets').textContent()).toBe('共 4 张（2 页 × 2 份）');
    await saveScreenshot(page, 'document-printed');

    // The job CUPS completed holds two copies; the PDF cups-pdf wrote holds the title and the 验证码
    // (through PostScript the CJK subset loses its text mapping, so the hub also sets both in Latin).
    const jobId = Math.max(...completedJobs());
    const record = cupsJobRecord(jobId);
    expect(record).toMatch(/job-state \(enum\) = completed/);
    expect(record).toMatch(/copies \(integer\) = 2\n/);
    const code = verificationCodeOf(id);
    const text = printedPdfTexts(startedAt).find((t) => t.includes(code));
    expect(text).toContain('Social insurance contribution certificate');

    await page.getByTestId('document-done').click();
    await page.getByTestId('rating-screen').waitFor();
    // Nothing of the document stays in the page once the citizen left it.
    expect(await page.locator('canvas').count()).toBe(0);
    await page.getByTestId('rating-skip').click();
    await page.getByTestId('attract-screen').waitFor({ timeout: 10_000 });
    expect(await page.content()).not.toContain(code);

    await expect
      .poll(async () => (await embeddedHubDump(shell)).items.filter((i) => i.kind === 'document.printed'), { timeout: 45_000, interval: 2000 })
      .toEqual([expect.objectContaining({ kind: 'document.printed' })]);
  });

  it('says a stopped printer before the copies are chosen, and sends nothing', async () => {
    await disableQueue(QUEUE, 'e2e: paper tray open');
    try {
      const jobsBefore = allJobs().length;
      await openFirstDocument();
      await page.getByTestId('document-print').click();
      const sentence = page.getByTestId('document-printer-not-ready');
      await sentence.waitFor({ timeout: 15_000 });
      expect(await sentence.textContent()).toContain('文件打印暂停服务，现在无法打印文件');
      expect(await page.getByTestId('document-copies').count()).toBe(0);
      expect(allJobs().length).toBe(jobsBefore);
      await saveScreenshot(page, 'document-printer-stopped');
    } finally {
      await enableQueue(QUEUE);
    }
    await page.getByTestId('document-back').click();
    await page.getByTestId('document-finish').click();
    await page.getByTestId('rating-skip').click();
    await page.getByTestId('attract-screen').waitFor({ timeout: 10_000 });
  });

  it('prints a document in 长辈版, every screen at the elder sizes (docs/elder-mode.md)', async () => {
    const checkElder = (screen: string) => expectElderScreen(page, screen);
    await page.getByTestId('elder-toggle').click();
    await readCardToMenu(shell, page);
    await page.getByTestId('service-P1').click();
    await page.getByTestId('document-item').first().waitFor({ timeout: 20_000 });
    await checkElder('document-list');
    await page.getByTestId('document-item').first().click();
    await page.getByTestId('document-preview').waitFor({ timeout: 20_000 });
    await expect.poll(() => inkedPixels(page, 1), { timeout: 15_000 }).toBeGreaterThan(5000);
    await checkElder('document-preview');
    await page.getByTestId('document-print').click();
    await page.getByTestId('document-copies').waitFor({ timeout: 15_000 });
    await checkElder('document-copies');
    await page.getByTestId('document-copies-1').click();
    await page.getByTestId('document-print-confirm').click();
    await page.getByTestId('document-printed').waitFor({ timeout: 60_000 });
    await checkElder('document-printed');
    await page.getByTestId('document-done').click();
    await page.getByTestId('rating-skip').click();
    await page.getByTestId('attract-screen').waitFor({ timeout: 10_000 });
  });
});
