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
      const parts = m[1]!.split(/[ ,/]+/).filter(Boolean).map(Number);
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
