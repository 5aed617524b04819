import type { Page } from 'playwright-core';

const CORNERS = { tl: [8, 8], tr: [-8, 8], br: [-8, -8], bl: [8, -8] } as const;

/** Touches screen corners (top-left, top-right, ...) as a staff member does to open staff mode. */
export async function touchCorners(page: Page, corners: (keyof typeof CORNERS)[] = ['tl', 'tr', 'br', 'bl']): Promise<void> {
  const { width, height } = page.viewportSize()!;
  for (const c of corners) {
    const [dx, dy] = CORNERS[c];
    await page.mouse.click(dx >= 0 ? dx : width + dx, dy >= 0 ? dy : height + dy);
  }
}
