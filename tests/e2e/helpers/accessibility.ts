import type { Page } from 'playwright-core';

export interface TextSample {
  text: string;
  fontSizePx: number;
  contrast: number;
}

export interface TargetSample {
  label: string;
  width: number;
  height: number;
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
    const texts: { text: string; fontSizePx: number; contrast: number }[] = [];
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
      texts.push({ text: own.slice(0, 40), fontSizePx: parseFloat(s.fontSize), contrast: Math.round(contrast * 100) / 100 });
    }
    const targets = Array.from(document.querySelectorAll('button, [role="button"], a[href]'))
      .filter(visible)
      .map((el) => {
        const r = el.getBoundingClientRect();
        return { label: (el.textContent ?? '').trim().slice(0, 40), width: r.width, height: r.height };
      });
    return { texts, targets };
  });
}

/** What 长辈版 promises on every screen (DESIGN.md): text ≥ 18 pt, largest ≥ 30 pt, targets ≥ 60 px, contrast ≥ 4.5:1. */
export async function elderModeShortfalls(page: Page): Promise<string[]> {
  const { texts, targets } = await measureScreen(page);
  const problems: string[] = [];
  if (texts.length === 0) problems.push('no text on screen');
  for (const t of texts) {
    if (t.fontSizePx < 24) problems.push(`text under 18 pt (${t.fontSizePx}px): ${t.text}`); // 18 pt = 24 CSS px
    if (t.contrast < 4.5) problems.push(`contrast ${t.contrast}:1 under 4.5:1: ${t.text}`);
  }
  if (texts.length > 0 && Math.max(...texts.map((t) => t.fontSizePx)) < 40) problems.push('largest text under 30 pt');
  for (const t of targets)
    if (t.width < 60 || t.height < 60) problems.push(`touch target under 60 px (${Math.round(t.width)}×${Math.round(t.height)}): ${t.label}`);
  return problems;
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
