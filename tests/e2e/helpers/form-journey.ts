import type { Page } from 'playwright-core';

/** Types on the kiosk's on-screen keyboard (already open), key by key as a finger would. */
export async function typeOnScreenKeyboard(page: Page, text: string): Promise<void> {
  await page.getByTestId('keyboard').waitFor();
  for (const ch of text) await page.getByTestId(`key-${ch.toLowerCase()}`).click();
}

/** Draws a two-stroke signature on the open pad with the mouse (pointer events, as a finger). */
export async function drawSignature(page: Page): Promise<void> {
  const box = await page.getByTestId('signature-canvas').boundingBox();
  if (!box) throw new Error('the signature pad is not on screen');
  const at = (fx: number, fy: number) => [box.x + box.width * fx, box.y + box.height * fy] as const;
  const strokes = [
    [at(0.1, 0.7), at(0.2, 0.25), at(0.3, 0.7), at(0.4, 0.3)],
    [at(0.5, 0.5), at(0.8, 0.55)],
  ];
  for (const stroke of strokes) {
    await page.mouse.move(...stroke[0]!);
    await page.mouse.down();
    for (const point of stroke.slice(1)) await page.mouse.move(...point, { steps: 8 });
    await page.mouse.up();
  }
}
