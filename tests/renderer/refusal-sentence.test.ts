import { describe, expect, it } from 'vitest';
import { createI18n } from '../../renderer/src/i18n/i18n';
import { refusalSentence } from '../../renderer/src/screens/staff/refusal-sentence';

const i18n = createI18n();
const inLanguage = (lng: string) => i18n.getFixedT(lng) as (key: string, options?: Record<string, unknown>) => string;

describe('a refused setting in the staff language', () => {
  const zone = { path: 'terminal.timeZone', message: 'must be an IANA time zone name such as Asia/Shanghai', rule: { kind: 'time-zone' as const } };

  it('names the field and the value entered, in zh-CN, zh-HK and en', () => {
    expect(refusalSentence(zone, 'Mars/Olympus', inLanguage('zh-CN'))).toBe('时区 "Mars/Olympus" 不是有效的时区名称（例如 Asia/Shanghai）');
    expect(refusalSentence(zone, 'Mars/Olympus', inLanguage('zh-HK'))).toBe('時區 "Mars/Olympus" 不是有效的時區名稱（例如 Asia/Shanghai）');
    expect(refusalSentence(zone, 'Mars/Olympus', inLanguage('en'))).toBe('Time zone: "Mars/Olympus" is not a time zone name (for example Asia/Shanghai)');
  });

  it('says bounds, choices and whole numbers as sentences, never the schema English', () => {
    const zhCN = inLanguage('zh-CN');
    expect(refusalSentence({ path: 'ui.idleTimeoutS', message: 'must be at least 15 s', rule: { kind: 'at-least', limit: 15, of: 'value' } }, 5, zhCN)).toBe(
      '无操作超时（秒）不能小于 15',
    );
    expect(refusalSentence({ path: 'ui.countdownS', message: 'Invalid input: expected int', rule: { kind: 'whole-number' } }, 7.5, inLanguage('zh-HK'))).toBe(
      '返回首頁倒數（秒）須為整數',
    );
    expect(
      refusalSentence(
        { path: 'devices.printer.baudRate', message: 'Invalid input', rule: { kind: 'one-of', options: ['9600', '115200'] } },
        5,
        inLanguage('en'),
      ),
    ).toBe('Printer baud rate must be one of: 9600 / 115200');
  });

  it('never repeats a secret, and says a rule it does not know as a sentence too', () => {
    const secret = refusalSentence({ path: 'hub.terminalSecret', message: 'x', rule: { kind: 'format' } }, 'hunter2-hunter2', inLanguage('en'));
    expect(secret).not.toContain('hunter2');
    expect(refusalSentence({ path: 'privacy.contact', message: 'Too small' }, 'ab', inLanguage('zh-CN'))).toBe(
      '个人信息问题联系方式的值不被接受，请检查后重试',
    );
  });
});
