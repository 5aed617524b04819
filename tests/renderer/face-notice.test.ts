import { describe, expect, it } from 'vitest';
import { LANGUAGES, type Language } from '../../common/i18n/languages';
import type { FaceNoticeFacts } from '../../common/rpc/contract';
import { faceNotice, type NoticeElement } from '../../renderer/src/i18n/strings/face-notice';

const facts = (over: Partial<FaceNoticeFacts> = {}): FaceNoticeFacts => ({
  hallName: { 'zh-CN': '测试大厅', 'zh-HK': '測試大廳', en: 'Test Hall' },
  operator: { 'zh-CN': '测试管理局', 'zh-HK': '測試管理局', en: 'Test Administration' },
  contact: '010-12345678',
  retentionDays: 183,
  sharedAcrossHall: false,
  holderCheck: 'hub',
  ...over,
});

/** What each required element must say, per language: words a reader finds it by. */
const REQUIRED: Record<Exclude<NoticeElement, 'sharing' | 'holderCheck'>, Record<Language, RegExp>> = {
  controller: { 'zh-CN': /处理者：测试管理局.*测试大厅.*010-12345678/, 'zh-HK': /處理者：測試管理局.*測試大廳.*010-12345678/, en: /Test Administration.*Test Hall.*010-12345678/ },
  purpose: { 'zh-CN': /^目的：/, 'zh-HK': /^目的：/, en: /^Purpose: / },
  whyFace: { 'zh-CN': /为什么需要人脸/, 'zh-HK': /為甚麼需要人臉/, en: /Why your face/ },
  alternative: { 'zh-CN': /身份证办理全部业务/, 'zh-HK': /身份證辦理全部業務/, en: /ID card for every service/ },
  kept: { 'zh-CN': /不保存照片/, 'zh-HK': /不保存照片/, en: /never .*photo/ },
  retention: { 'zh-CN': /连续 183 天未使用/, 'zh-HK': /連續 183 天未使用/, en: /not used for 183 days/ },
  deletion: { 'zh-CN': /删除我的人脸/, 'zh-HK': /刪除我的人臉/, en: /Delete my face/ },
  rights: {
    'zh-CN': /查阅.*复制.*更正.*删除.*撤回同意/,
    'zh-HK': /查閱.*複製.*更正.*刪除.*撤回同意/,
    en: /see, copy, correct and delete.*withdraw your consent/,
  },
};
const OTHER_TERMINALS: Record<Language, RegExp> = { 'zh-CN': /其他(自助)?终端/, 'zh-HK': /其他(自助)?終端/, en: /other .*terminals/ };

describe('the face notice', () => {
  for (const language of LANGUAGES) {
    for (const purpose of ['bind', 'identify'] as const) {
      it(`${language}, before ${purpose === 'bind' ? 'binding' : '刷脸办事'}: every required element, the configured retention, no sharing without the hall key`, () => {
        const notice = faceNotice(facts(), language, purpose);
        const text = (element: NoticeElement) => notice.paragraphs.find((p) => p.element === element)?.text ?? '';
        for (const [element, pattern] of Object.entries(REQUIRED)) expect(text(element as NoticeElement), `${language} ${element}`).toMatch(pattern[language]);
        expect(notice.paragraphs.map((p) => p.element)).not.toContain('sharing');
        for (const p of notice.paragraphs) expect(p.text, `${language} ${p.element}`).not.toMatch(OTHER_TERMINALS[language]);
        expect(notice.title.length).toBeGreaterThan(5);
      });

      it(`${language}, before ${purpose === 'bind' ? 'binding' : '刷脸办事'}: the sentence about other terminals where the hall key makes sharing work`, () => {
        const notice = faceNotice(facts({ sharedAcrossHall: true }), language, purpose);
        const sharing = notice.paragraphs.filter((p) => p.element === 'sharing');
        expect(sharing).toHaveLength(1);
        expect(sharing[0]!.text).toMatch(OTHER_TERMINALS[language]);
      });
    }

    it(`${language}: the retention figure is the configured one, and binding says how the face is checked against the card`, () => {
      const days = faceNotice(facts({ retentionDays: 30 }), language, 'bind').paragraphs.find((p) => p.element === 'retention')!.text;
      expect(days).toMatch(/\b30\b/);
      expect(days).not.toMatch(/183|365/);
      const check = (holderCheck: FaceNoticeFacts['holderCheck']) => faceNotice(facts({ holderCheck }), language, 'bind').paragraphs.find((p) => p.element === 'holderCheck')!.text;
      expect(new Set([check('hub'), check('card-photo'), check('none')]).size).toBe(3);
      expect(faceNotice(facts(), language, 'identify').paragraphs.map((p) => p.element)).not.toContain('holderCheck');
    });
  }
});
