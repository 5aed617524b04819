import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import { saveScreenshot } from '../../../testing/chromium/chromium';

export interface TextSample {
  text: string;
  fontSizePx: number;
  contrast: number;
  /** Inside an h1 or h2: a screen's or a dialog's heading. */
  heading: boolean;
  /** Reaches past the screen's left or right edge (cut off). */
  offScreen: boolean;
  /** Below the screen's bottom edge with nothing to scroll it into view. */
  belowReach: boolean;
}

export interface TargetSample {
  label: string;
  width: number;
  height: number;
  /** The test id (or class) of a fixed element lying over part of it, not a dialog: what a finger would hit instead. */
  coveredBy: string | null;
}

/**
 * Measures, in the live page, every visible element that holds text of its own: its computed
 * font size and the contrast of its colour against the first opaque background behind it
 * (WCAG relative luminance), and the size of every button.
 */
export async function measureScreen(page: Page): Promise<{ texts: TextSample[]; targets: TargetSample[] }> {
  return page.evaluate(() => {
    const parse = (c: string): [number, number, number, number] => {
      const m = c.match(/rgba?\(([^)]+)\)/);
      if (!m) return [0, 0, 0, 0];
      const parts = m[1]!
        .split(/[ ,/]+/)
        .filter(Boolean)
        .map(Number);
      return [parts[0] ?? 0, parts[1] ?? 0, parts[2] ?? 0, parts[3] ?? 1];
    };
    const lum = ([r, g, b]: number[]) => {
      const f = (v: number) => {
        const s = v / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * f(r!) + 0.7152 * f(g!) + 0.0722 * f(b!);
    };
    const background = (el: Element | null): number[] => {
      for (let e = el; e; e = e.parentElement) {
        const bg = parse(getComputedStyle(e).backgroundColor);
        if (bg[3] >= 0.99) return bg;
      }
      return [255, 255, 255, 1];
    };
    const visible = (el: Element) => {
      const r = el.getBoundingClientRect();
      const s = getComputedStyle(el);
      return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none';
    };
    // Below the window's bottom edge, a text is reachable only inside something that scrolls.
    const scrollsInto = (el: Element) => {
      for (let e = el.parentElement; e; e = e.parentElement) {
        const y = getComputedStyle(e).overflowY;
        if ((y === 'auto' || y === 'scroll') && e.scrollHeight > e.clientHeight + 1) return true;
      }
      return false;
    };
    const texts: { text: string; fontSizePx: number; contrast: number; heading: boolean; offScreen: boolean; belowReach: boolean }[] = [];
    for (const el of Array.from(document.body.querySelectorAll('*'))) {
      const own = Array.from(el.childNodes)
        .filter((n) => n.nodeType === Node.TEXT_NODE)
        .map((n) => n.textContent ?? '')
        .join('')
        .trim();
      if (!own || !visible(el) || el.getAttribute('aria-hidden') === 'true') continue;
      const s = getComputedStyle(el);
      const fg = lum(parse(s.color));
      const bg = lum(background(el));
      const contrast = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
      const r = el.getBoundingClientRect();
      texts.push({
        text: own.slice(0, 40),
        fontSizePx: parseFloat(s.fontSize),
        contrast: Math.round(contrast * 100) / 100,
        heading: el.closest('h1, h2') !== null,
        offScreen: r.left < -1 || r.right > window.innerWidth + 1,
        belowReach: r.bottom > window.innerHeight + 1 && !scrollsInto(el),
      });
    }
    // What stays put over the screen (the demo panel's tab) but is not a dialog, which covers on purpose.
    const fixed = Array.from(document.body.querySelectorAll('*')).filter(
      (el) => visible(el) && getComputedStyle(el).position === 'fixed' && !el.closest('[role="dialog"], .overlay'),
    );
    const overlaps = (a: DOMRect, b: DOMRect) => Math.min(a.right, b.right) > Math.max(a.left, b.left) && Math.min(a.bottom, b.bottom) > Math.max(a.top, b.top);
    const targets = Array.from(document.querySelectorAll('button, [role="button"], a[href]'))
      .filter(visible)
      .map((el) => {
        const r = el.getBoundingClientRect();
        const cover = fixed.find((f) => !f.contains(el) && !el.contains(f) && overlaps(r, f.getBoundingClientRect()));
        return {
          label: (el.textContent ?? '').trim().slice(0, 40),
          width: r.width,
          height: r.height,
          coveredBy: cover ? (cover.getAttribute('data-testid') ?? cover.className) : null,
        };
      });
    return { texts, targets };
  });
}

/** 长辈版's numbers (docs/elder-mode.md), stricter than DESIGN.md's 18 pt / 30 pt / 60 px. */
export const ELDER_MODE = { textPx: 30, headingPx: 48, targetPx: 72, contrast: 4.5 } as const;

/**
 * What 长辈版 promises on every screen: every text ≥ 30 px, every heading (h1, h2) ≥ 48 px and
 * one text at least that large, every touch target ≥ 72 × 72 px, contrast ≥ 4.5:1, nothing cut
 * off at the screen's sides or below its bottom where nothing scrolls, no target partly under something fixed (the demo tab). Each shortfall is a sentence naming the text or button.
 */
export async function elderModeShortfalls(page: Page): Promise<string[]> {
  const { texts, targets } = await measureScreen(page);
  const { textPx, headingPx, targetPx, contrast } = ELDER_MODE;
  const problems: string[] = [];
  if (texts.length === 0) problems.push('no text on screen');
  for (const t of texts) {
    if (t.fontSizePx < textPx) problems.push(`text under ${textPx} px (${t.fontSizePx}px): ${t.text}`);
    if (t.heading && t.fontSizePx < headingPx) problems.push(`heading under ${headingPx} px (${t.fontSizePx}px): ${t.text}`);
    if (t.contrast < contrast) problems.push(`contrast ${t.contrast}:1 under ${contrast}:1: ${t.text}`);
    if (t.offScreen) problems.push(`text cut off at the screen's side: ${t.text}`);
    if (t.belowReach) problems.push(`text below the screen's bottom edge, where nothing scrolls: ${t.text}`);
  }
  if (texts.length > 0 && Math.max(...texts.map((t) => t.fontSizePx)) < headingPx) problems.push(`largest text under ${headingPx} px`);
  for (const t of targets) {
    if (t.width < targetPx || t.height < targetPx)
      problems.push(`touch target under ${targetPx} px (${Math.round(t.width)}×${Math.round(t.height)}): ${t.label}`);
    if (t.coveredBy) problems.push(`touch target partly under ${t.coveredBy}: ${t.label}`);
  }
  return problems;
}

/** Asserts that 长辈版 is on and that `screen` meets its numbers; keeps its screenshot as `elder-<screen>`. */
export async function expectElderScreen(page: Page, screen: string): Promise<void> {
  expect(await page.getByTestId('app').getAttribute('class')).toContain('elder');
  expect(await elderModeShortfalls(page), `长辈版 on the ${screen} screen`).toEqual([]);
  await saveScreenshot(page, `elder-${screen}`);
}

const HAN = /\p{Script=Han}/u;

/** The page's visible text in Han script, leaving out the language switch (each language names itself there). */
export async function chineseLeftOnScreen(page: Page): Promise<string[]> {
  const text = await page.evaluate(`(() => {
    const clone = document.body.cloneNode(true);
    clone.querySelector('[data-testid="language-switch"]')?.remove();
    document.body.appendChild(clone);
    clone.style.position = 'absolute';
    const text = clone.innerText;
    clone.remove();
    return text;
  })()`);
  return (text as string).split('\n').filter((line) => HAN.test(line));
}
