import type { Page } from 'playwright-core';

/**
 * Which of `needles` the renderer's JavaScript heap still holds, after a full garbage collection:
 * a heap snapshot taken over the DevTools protocol, searched in its string table.
 */
export async function heapStringsHolding(page: Page, needles: string[]): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('HeapProfiler.enable');
    for (let i = 0; i < 3; i++) await cdp.send('HeapProfiler.collectGarbage');
    const chunks: string[] = [];
    cdp.on('HeapProfiler.addHeapSnapshotChunk', ({ chunk }) => chunks.push(chunk));
    await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
    const snapshot = JSON.parse(chunks.join('')) as { strings: string[] };
    return needles.filter((needle) => snapshot.strings.some((s) => s.includes(needle)));
  } finally {
    await cdp.detach();
  }
}
