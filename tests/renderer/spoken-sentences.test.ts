import { describe, expect, it } from 'vitest';
import { spokenSentences } from '../../renderer/src/voice/sentences/spoken-sentences';
import { numberForTheEar } from '../../renderer/src/voice/sentences/number-for-the-ear';

describe('sentences written for the ear', () => {
  it('reads a ticket number letter by letter and digit by digit', () => {
    expect(numberForTheEar('C023', 'zh-CN')).toBe('C 零二三');
    expect(numberForTheEar('C023', 'zh-HK')).toBe('C 零二三');
    expect(numberForTheEar('C023', 'en')).toBe('C zero two three');
    expect(numberForTheEar('A-100', 'zh-CN')).toBe('A 一零零');
    expect(numberForTheEar('F907', 'en')).toBe('F nine zero seven');
  });

  it('says the number issued as a sentence in each language, not the screen text', () => {
    expect(spokenSentences('zh-CN').ticketIssued('C023', null)).toBe('您的号码是 C 零二三，请取走凭条，留意叫号');
    expect(spokenSentences('zh-HK').ticketIssued('C023', null)).toBe('你嘅號碼係 C 零二三，請攞走憑條，留意叫號');
    expect(spokenSentences('en').ticketIssued('C023', null)).toBe('Your number is C zero two three. Please take your ticket, and listen for your number');
  });

  it('says what to do when the slip did not print', () => {
    expect(spokenSentences('zh-CN').ticketIssued('B007', '凭条打印机缺纸。')).toBe('您的号码是 B 零零七。凭条打印机缺纸。请记下您的号码');
    expect(spokenSentences('en').ticketIssued('B007', 'The printer is out of paper.')).toBe(
      'Your number is B zero zero seven. The printer is out of paper. Please note your number',
    );
  });

  it('holds no digit string a voice would read as a quantity, in any language', () => {
    for (const language of ['zh-CN', 'zh-HK', 'en'] as const) {
      expect(spokenSentences(language).ticketIssued('C023', null)).not.toMatch(/\d/);
    }
  });
});

describe('the check-in sentence', () => {
  it('says the check-in, then the number as 取号 says it', () => {
    expect(spokenSentences('zh-CN').checkedIn('A105', null)).toBe('签到成功。您的号码是 A 一零五，请取走凭条，留意叫号');
    expect(spokenSentences('zh-HK').checkedIn('A105', null)).toBe('簽到成功。你嘅號碼係 A 一零五，請攞走憑條，留意叫號');
    expect(spokenSentences('en').checkedIn('A105', null)).toBe(
      'You are checked in. Your number is A one zero five. Please take your ticket, and listen for your number',
    );
  });
});
