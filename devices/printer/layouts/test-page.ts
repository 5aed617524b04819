import { EscPosBuilder } from '../builder';
import { formatPrintTime, type LayoutOptions } from './format';

export interface TestPageInfo {
  /** Shown on the page so the technician can match the paper with the terminal. */
  terminalId?: string;
  printedAt: Date;
}

/** 1234567890123... up to `columns`, and a CJK ruler of two-column characters. */
function rulers(columns: number): [string, string] {
  let digits = '';
  for (let i = 1; i <= columns; i++) digits += String(i % 10);
  const cjk = '一二三四五六七八九十'.repeat(Math.ceil(columns / 20)).slice(0, Math.floor(columns / 2));
  return [digits, cjk];
}

/** The technician's test page: every size, bold, CJK and Latin, traditional, QR, CODE128, rulers. */
export function renderTestPage(info: TestPageInfo, options: LayoutOptions): Buffer {
  const { profile } = options;
  const b = new EscPosBuilder(profile, options);
  b.initialize().align('center').bold(true).line('ESC/POS TEST PAGE 打印测试页').bold(false);
  b.line(`${profile.name}`);
  b.line(`${formatPrintTime(info.printedAt, options.timeZone)}${info.terminalId ? `  ${info.terminalId}` : ''}`);
  b.align('left');
  for (let s = 1; s <= 8; s++) b.size(s).line(`${s}x 字`);
  b.size(1, 2).line('1x2 高').size(2, 1).line('2x1 宽').size(1);
  b.bold(true).line('Bold 粗体').bold(false);
  b.line('Latin: The quick brown fox jumps over the lazy dog 0123456789');
  b.line('简体：政务服务自助终端，请按提示操作。');
  b.line('繁體：政務服務自助終端，請按提示操作。臺灣');
  b.line('Symbols: €£¥ ①②③ ，。：；');
  const [digits, cjk] = rulers(b.columns);
  b.line(digits).line(cjk);
  b.leftRight('左栏 Left', 'Right 右栏');
  b.wrapped('折行测试 Wrap test: 一段较长的中文文字 mixed with English words to show how lines break at the paper edge.');
  b.truncated('截断测试 Truncation test: this line is far too long to fit on one line of the paper');
  b.lineSpacing(60).line('ESC 3 60').lineSpacing('default');
  b.align('center').line('QR').qr('https://example.org/kiosk/test');
  b.line('CODE128').code128('KIOSK-TEST-0123');
  b.feed(2);
  return b.cut().build();
}
