import { describe, expect, it } from 'vitest';
import { leftRight, truncate, wrap } from '../../../devices/printer/line-layout';
import { textColumns, type TextEncoding } from '../../../devices/printer/text-codec';
import { columnsAt, printerProfile } from '../../../devices/printer/profiles';
import { EscPosBuilder } from '../../../devices/printer/builder';

const gb: TextEncoding = { encoding: 'gb18030', codePage: 'cp437', unencodable: 'substitute' };
const latin: TextEncoding = { encoding: 'cp858', codePage: 'cp858', unencodable: 'substitute' };

describe('width counting', () => {
  it('counts CJK and full-width characters as two columns, ASCII as one', () => {
    expect(textColumns('社保业务', gb)).toBe(8);
    expect(textColumns('A023 号', gb)).toBe(7);
    expect(textColumns('（全角）１２', gb)).toBe(12);
    expect(textColumns('Café', latin)).toBe(4);
    expect(textColumns('𠀀', gb)).toBe(2); // printed as the 2-column placeholder
  });

  it('gives the columns of each size per profile', () => {
    const p80 = printerProfile('generic-80mm-gb18030');
    const p58 = printerProfile('generic-58mm-gb18030');
    expect([1, 2, 3, 4].map((w) => columnsAt(p80, w))).toEqual([48, 24, 16, 12]);
    expect([1, 2, 4].map((w) => columnsAt(p58, w))).toEqual([32, 16, 8]);
    const b = new EscPosBuilder(p80);
    b.size(2);
    expect(b.columns).toBe(24);
  });
});

describe('line layout', () => {
  it('truncates to the column budget with an ellipsis, never splitting a CJK character', () => {
    expect(truncate('社保业务', 8, gb)).toBe('社保业务');
    expect(truncate('社保业务办理', 8, gb)).toBe('社保业…');
    expect(truncate('社保业务办理', 9, gb)).toBe('社保业…'); // 7 columns: one short, not half a character
    expect(textColumns(truncate('社保 social insurance', 10, gb), gb)).toBeLessThanOrEqual(10);
    expect(truncate('The quick brown fox', 10, latin)).toBe('The qui...');
  });

  it('wraps mixed CJK and Latin text within the columns, Latin words kept whole', () => {
    const lines = wrap('申请人须携带身份证原件 and a copy of the form', 16, gb);
    for (const l of lines) expect(textColumns(l, gb)).toBeLessThanOrEqual(16);
    expect(lines).toEqual(['申请人须携带身份', '证原件 and a', 'copy of the form']);
    expect(wrap('a\nb', 10, gb)).toEqual(['a', 'b']);
  });

  it('puts two columns on one line exactly the paper wide', () => {
    const line = leftRight('办理事项', '社保业务', 48, gb);
    expect(textColumns(line, gb)).toBe(48);
    expect(line.startsWith('办理事项 ')).toBe(true);
    expect(line.endsWith(' 社保业务')).toBe(true);
    const tight = leftRight('一个非常非常长的左边栏目名称占满整行', '右栏', 20, gb);
    expect(textColumns(tight, gb)).toBe(20);
    // 15 columns left for the left text: 6 characters + … (14), never half a character.
    expect(tight).toBe('一个非常非常…  右栏');
  });
});

describe('label and value lines', () => {
  const profile = printerProfile('generic-80mm-gb18030');
  const lines = (b: EscPosBuilder) => b.build().subarray(4).toString('latin1');

  it('keeps label and value on one line when they fit', () => {
    const one = new EscPosBuilder(profile).initialize().labelValue('No.', 'SB42').build();
    expect(one.subarray(4).toString('latin1')).toBe('No.' + ' '.repeat(48 - 3 - 4) + 'SB42\n');
  });

  it('puts a value too long for the line under its label, wrapped and indented, losing nothing', () => {
    const value = 'Registration for basic medical insurance of urban and rural residents and payment';
    const text = lines(new EscPosBuilder(profile).initialize().labelValue('Service', value));
    const printed = text.split('\n').filter(Boolean);
    expect(printed[0]).toBe('Service');
    for (const l of printed.slice(1)) {
      expect(l.startsWith('  ')).toBe(true);
      expect(l.length).toBeLessThanOrEqual(48);
    }
    expect(
      printed
        .slice(1)
        .map((l) => l.trim())
        .join(' '),
    ).toBe(value);
  });
});
