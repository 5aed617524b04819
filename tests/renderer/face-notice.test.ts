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
  factsHash: '0123456789abcdef01234567',
  ...over,
});

/** What each required element must say, per language: words a reader finds it by. */
const REQUIRED: Record<Exclude<NoticeElement, 'sharing' | 'holderCheck'>, Record<Language, RegExp>> = {
  controller: {
    'zh-CN': /处理者：测试管理局.*测试大厅.*010-12345678/,
    'zh-HK': /處理者：測試管理局.*測試大廳.*010-12345678/,
    en: /Test Administration.*Test Hall.*010-12345678/,
  },
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
/** Promises the hub check and the processing records would break: the face goes nowhere, to no one. */
const NOBODY_ELSE: Record<Language, RegExp> = {
  'zh-CN': /不向任何第三方提供|不提供给任何人/,
  'zh-HK': /不向任何第三方提供|不提供給任何人/,
  en: /anyone else|never given/,
};
/** The processing records: kept, sent to the hall's platform, without face data. */
const RECORDS: Record<Language, RegExp> = {
  'zh-CN': /处理记录.*不含任何人脸信息.*发送到本大厅服务平台/,
  'zh-HK': /處理記錄.*不含任何人臉信息.*發送到本大廳服務平台/,
  en: /record of what was done.*no face data.*sent to the hall’s service platform/,
};
/** Deletion: at once on this terminal, shared copies by the platform and at each terminal's next sync. */
const DELETED_HERE_AT_ONCE: Record<Language, RegExp> = {
  'zh-CN': /本终端上的人脸模板立即删除/,
  'zh-HK': /本終端上的人臉模板立即刪除/,
  en: /deleted from this terminal at once/,
};
const SHARED_COPIES_AT_NEXT_SYNC: Record<Language, RegExp> = {
  'zh-CN': /共享的副本由本大厅服务平台删除，其他自助终端在下次与平台同步时删除/,
  'zh-HK': /共享的副本由本大廳服務平台刪除，其他自助終端在下次與平台同步時刪除/,
  en: /platform deletes the shared copy, and each of the hall’s other self-service terminals deletes its copy when it next synchronises/,
};

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

    it(`${language}: says honestly where face data goes, with and without the hall key, and how far a deletion reaches`, () => {
      const paragraph = (shared: boolean, purpose: 'bind' | 'identify', element: NoticeElement) =>
        faceNotice(facts({ sharedAcrossHall: shared }), language, purpose).paragraphs.find((p) => p.element === element)!.text;
      for (const purpose of ['bind', 'identify'] as const) {
        for (const shared of [false, true]) {
          const all = faceNotice(facts({ sharedAcrossHall: shared }), language, purpose)
            .paragraphs.map((p) => p.text)
            .join('\n');
          expect(all, `${language} ${purpose} shared=${shared}`).not.toMatch(NOBODY_ELSE[language]);
          expect(paragraph(shared, purpose, 'kept')).toMatch(RECORDS[language]);
          expect(paragraph(shared, purpose, 'deletion')).toMatch(DELETED_HERE_AT_ONCE[language]);
        }
        expect(paragraph(true, purpose, 'deletion')).toMatch(SHARED_COPIES_AT_NEXT_SYNC[language]);
        expect(paragraph(false, purpose, 'deletion')).not.toMatch(SHARED_COPIES_AT_NEXT_SYNC[language]);
      }
      // Binding through the hub: the live template goes to the platform once, which the notice says.
      expect(faceNotice(facts(), language, 'bind').paragraphs.find((p) => p.element === 'holderCheck')!.text).toMatch(
        language === 'en' ? /sent once to the hall’s service platform/ : /发送到本大厅服务平台|發送到本大廳服務平台/,
      );
    });

    it(`${language}: the retention figure is the configured one, and binding says how the face is checked against the card`, () => {
      const days = faceNotice(facts({ retentionDays: 30 }), language, 'bind').paragraphs.find((p) => p.element === 'retention')!.text;
      expect(days).toMatch(/\b30\b/);
      expect(days).not.toMatch(/183|365/);
      const check = (holderCheck: FaceNoticeFacts['holderCheck']) =>
        faceNotice(facts({ holderCheck }), language, 'bind').paragraphs.find((p) => p.element === 'holderCheck')!.text;
      expect(new Set([check('hub'), check('card-photo'), check('none')]).size).toBe(3);
      expect(faceNotice(facts(), language, 'identify').paragraphs.map((p) => p.element)).not.toContain('holderCheck');
    });
  }
});
