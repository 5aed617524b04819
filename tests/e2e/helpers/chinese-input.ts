import type { Page } from 'playwright-core';
import type { Stroke } from '../../../common/chinese-input/handwriting-matcher';

/** The pad's own units (renderer/src/input/HandwritingPad.tsx HANDWRITING_PAD_SIZE). */
const PAD_UNITS = 320;

/** Replays recorded strokes (pad units) on the open handwriting pad as pointer events, a finger's down–move–up per stroke. */
export async function writeOnPad(page: Page, strokes: readonly Stroke[]): Promise<void> {
  const box = await page.getByTestId('handwriting-pad').boundingBox();
  if (!box) throw new Error('the handwriting pad is not on screen');
  const at = ([x, y]: readonly [number, number]) => [box.x + (x * box.width) / PAD_UNITS, box.y + (y * box.height) / PAD_UNITS] as const;
  for (const stroke of strokes) {
    await page.mouse.move(...at(stroke[0]!));
    await page.mouse.down();
    for (const point of stroke.slice(1)) await page.mouse.move(...at(point), { steps: 3 });
    await page.mouse.up();
  }
}

/** Writes one character on the pad, waits for the candidates of all its strokes and picks `char` among them. */
export async function writeAndPick(page: Page, strokes: readonly Stroke[], char: string): Promise<void> {
  await writeOnPad(page, strokes);
  const pad = page.getByTestId('handwriting-pad');
  await page.waitForFunction(
    ([el, n]) => (el as HTMLElement).getAttribute('data-recognised') === String(n),
    [await pad.elementHandle(), strokes.length] as const,
    { timeout: 15_000 },
  );
  await page.getByTestId('candidate-bar').getByText(char, { exact: true }).click();
  await page.waitForFunction((el) => (el as HTMLElement).getAttribute('data-strokes') === '0', await pad.elementHandle(), { timeout: 5_000 });
}

/** Types letters on the keyboard in 拼音 and picks the first candidate once it is `word`. */
export async function typePinyinAndPick(page: Page, letters: string, word: string): Promise<void> {
  for (const ch of letters) await page.getByTestId(`key-${ch}`).click();
  await page.getByTestId('candidate-0').filter({ hasText: word }).waitFor({ timeout: 15_000 });
  if ((await page.getByTestId('candidate-0').textContent()) !== word) throw new Error(`the first candidate for ${letters} is not ${word}`);
  await page.getByTestId('candidate-0').click();
}
