import type { Language } from '../../../../common/i18n/languages';
import type { FaceNoticeFacts } from '../../../../common/rpc/contract';

/**
 * The face notice (告知) shown before the camera opens, for binding and for 刷脸办事, phrased from
 * the facts the core gives (`face.notice`): who processes and how to reach them, the purpose, why a
 * face is needed and that the ID card always serves instead, what is kept and where, how long (the
 * configured retention), sharing (only where the hall key makes it work), deletion, and the
 * citizen's rights under PIPL (arts. 17, 29–30, 44–47).
 */

/** What the notice is shown before: binding a face after a card read, or identifying by face. */
export type NoticePurpose = 'bind' | 'identify';

/** The notice's parts, in the order they are shown and spoken; `sharing` only where it can work. */
export type NoticeElement = 'controller' | 'purpose' | 'whyFace' | 'alternative' | 'kept' | 'holderCheck' | 'retention' | 'sharing' | 'deletion' | 'rights';

export interface FaceNotice {
  title: string;
  paragraphs: { element: NoticeElement; text: string }[];
}

interface Phrases {
  title: Record<NoticePurpose, string>;
  controller: (f: FaceNoticeFacts, hall: string, operator: string) => string;
  purpose: Record<NoticePurpose, string>;
  whyFace: Record<NoticePurpose, string>;
  alternative: string;
  kept: Record<NoticePurpose, string>;
  holderCheck: Record<'card-photo' | 'hub' | 'none', string>;
  retention: (days: number) => string;
  sharing: Record<NoticePurpose, string>;
  /** Without a hall key: the stored template never leaves this terminal (the live one of 人证核验 is told apart in holderCheck). */
  localOnly: string;
  /** The processing records (no face data) and where they go. */
  records: string;
  /** Where the template is deleted, and when: at once here; shared copies at the hub and at each terminal's next sync. */
  deletion: Record<'local' | 'shared', string>;
  rights: (contact: string) => string;
}

const zhCN: Phrases = {
  title: { bind: '绑定人脸前请阅读：人脸信息处理告知', identify: '刷脸前请阅读：人脸信息处理告知' },
  controller: (f, hall, operator) => `处理者：${operator}，在“${hall}”提供本服务。有关您个人信息的问题和请求，请联系 ${f.contact}。`,
  purpose: {
    bind: '目的：把您的人脸与身份证绑定，下次来本厅只刷脸、不用身份证即可取号、查询结果、预约签到和填表。未满 14 周岁不能在自助终端绑定。',
    identify: '目的：通过刷脸确认您的身份，以便取号、查询结果、预约签到和填表。',
  },
  whyFace: {
    bind: '为什么需要人脸：不出示证件时，只有人脸能确认是您本人；绑定时还要核实刷脸的人就是证件持有人本人（人证核验）。',
    identify: '为什么需要人脸：不出示证件时，只有人脸能确认是您本人。人脸信息属于敏感个人信息，只用于上述目的。',
  },
  alternative: '刷脸完全自愿：不同意或不刷脸，您随时可以使用身份证办理全部业务，不受任何影响。',
  kept: {
    bind: '保存什么、在哪里：只保存由人脸计算出的一组特征数字（人脸模板），不保存照片或视频；模板加密保存在本终端，与身份信息分开存放。',
    identify: '保存什么：摄像头画面只在本终端内存中分析，用后即弃，不保存照片或视频；只与已绑定市民的加密人脸模板比对。',
  },
  holderCheck: {
    'card-photo': '人证核验：现场人脸与身份证芯片中的照片在本终端比对，照片不保存。',
    hub: '人证核验：现场人脸模板发送到本大厅服务平台，与证件持有人的照片比对一次，平台不保存。',
    none: '人证核验：本终端目前无法核验，因此暂不能绑定人脸。',
  },
  retention: (days) => `保存多久：人脸模板连续 ${days} 天未使用即自动删除；在此之前您也可以随时删除。`,
  sharing: {
    bind: '共享：如您另行同意，加密的人脸模板将经本大厅服务平台同步到本大厅其他自助终端，您在任一终端都可刷脸；不同意则只保存在本终端。',
    identify: '共享：绑定时同意共享的市民，在本大厅其他自助终端也可刷脸。',
  },
  localOnly: '保存的人脸模板只在本终端使用，不离开本终端。',
  records: '处理记录（何时、在哪台终端同意、绑定、核验或删除，以化名记录，不含任何人脸信息）保存在本终端，并发送到本大厅服务平台。',
  deletion: {
    local: '如何删除：在本终端放置身份证，点“删除我的人脸”，本终端上的人脸模板立即删除。',
    shared:
      '如何删除：在本终端放置身份证，点“删除我的人脸”：本终端上的人脸模板立即删除；共享的副本由本大厅服务平台删除，其他自助终端在下次与平台同步时删除（联网时约一分钟内）。',
  },
  rights: (contact) =>
    `您的权利：依照《个人信息保护法》，您有权查阅、复制、更正、删除您的个人信息，有权随时撤回同意（撤回不影响此前已进行的处理），并可要求解释处理规则。请联系 ${contact} 或到人工窗口办理。`,
};

const zhHK: Phrases = {
  title: { bind: '綁定人臉前請閱讀：人臉信息處理告知', identify: '刷臉前請閱讀：人臉信息處理告知' },
  controller: (f, hall, operator) => `處理者：${operator}，在「${hall}」提供本服務。有關您個人信息的問題和請求，請聯繫 ${f.contact}。`,
  purpose: {
    bind: '目的：把您的人臉與身份證綁定，下次來本廳只刷臉、不用身份證即可取號、查詢結果、預約簽到和填表。未滿 14 周歲不能在自助終端綁定。',
    identify: '目的：通過刷臉確認您的身份，以便取號、查詢結果、預約簽到和填表。',
  },
  whyFace: {
    bind: '為甚麼需要人臉：不出示證件時，只有人臉能確認是您本人；綁定時還要核實刷臉的人就是證件持有人本人（人證核驗）。',
    identify: '為甚麼需要人臉：不出示證件時，只有人臉能確認是您本人。人臉信息屬於敏感個人信息，只用於上述目的。',
  },
  alternative: '刷臉完全自願：不同意或不刷臉，您隨時可以使用身份證辦理全部業務，不受任何影響。',
  kept: {
    bind: '保存甚麼、在哪裏：只保存由人臉計算出的一組特徵數字（人臉模板），不保存照片或影片；模板加密保存在本終端，與身份信息分開存放。',
    identify: '保存甚麼：鏡頭畫面只在本終端記憶體中分析，用後即棄，不保存照片或影片；只與已綁定市民的加密人臉模板比對。',
  },
  holderCheck: {
    'card-photo': '人證核驗：現場人臉與身份證晶片中的照片在本終端比對，照片不保存。',
    hub: '人證核驗：現場人臉模板發送到本大廳服務平台，與證件持有人的照片比對一次，平台不保存。',
    none: '人證核驗：本終端目前無法核驗，因此暫不能綁定人臉。',
  },
  retention: (days) => `保存多久：人臉模板連續 ${days} 天未使用即自動刪除；在此之前您也可以隨時刪除。`,
  sharing: {
    bind: '共享：如您另行同意，加密的人臉模板將經本大廳服務平台同步到本大廳其他自助終端，您在任一終端都可刷臉；不同意則只保存在本終端。',
    identify: '共享：綁定時同意共享的市民，在本大廳其他自助終端也可刷臉。',
  },
  localOnly: '保存的人臉模板只在本終端使用，不離開本終端。',
  records: '處理記錄（何時、在哪台終端同意、綁定、核驗或刪除，以化名記錄，不含任何人臉信息）保存在本終端，並發送到本大廳服務平台。',
  deletion: {
    local: '如何刪除：在本終端放置身份證，點「刪除我的人臉」，本終端上的人臉模板立即刪除。',
    shared:
      '如何刪除：在本終端放置身份證，點「刪除我的人臉」：本終端上的人臉模板立即刪除；共享的副本由本大廳服務平台刪除，其他自助終端在下次與平台同步時刪除（聯網時約一分鐘內）。',
  },
  rights: (contact) =>
    `您的權利：依照《個人信息保護法》，您有權查閱、複製、更正、刪除您的個人信息，有權隨時撤回同意（撤回不影響此前已進行的處理），並可要求解釋處理規則。請聯繫 ${contact} 或到人工窗口辦理。`,
};

const en: Phrases = {
  title: { bind: 'Before you bind your face: how your face data is handled', identify: 'Before you use your face: how your face data is handled' },
  controller: (f, hall, operator) =>
    `Who handles your data: ${operator}, which provides this service at ${hall}. For questions or requests about your personal data, contact ${f.contact}.`,
  purpose: {
    bind: 'Purpose: your face is linked to your ID card, so that next time you can take a ticket, see your results, check in an appointment or fill in a form with your face alone. Children under 14 cannot bind their face at a self-service terminal.',
    identify: 'Purpose: your face confirms who you are, so that you can take a ticket, see your results, check in an appointment or fill in a form.',
  },
  whyFace: {
    bind: 'Why your face: without an ID card, only your face can confirm that it is you. When you bind it, the terminal also checks that you are the holder of the card.',
    identify:
      'Why your face: without an ID card, only your face can confirm that it is you. Face data is sensitive personal information and is used for this purpose only.',
  },
  alternative: 'Using your face is voluntary: if you decline, you can use your ID card for every service at any time, with no disadvantage.',
  kept: {
    bind: 'What is kept, and where: only a set of numbers computed from your face (a face template), never a photo or video. It is kept encrypted on this terminal, apart from your identity data.',
    identify:
      'What is kept: the camera picture is analysed in this terminal’s memory and then discarded, never stored as a photo or video; it is compared only with the encrypted templates of citizens who bound their face.',
  },
  holderCheck: {
    'card-photo': 'Checking you are the card holder: your live face is compared with the photo in the card’s chip on this terminal; the photo is not kept.',
    hub: 'Checking you are the card holder: your live face template is sent once to the hall’s service platform and compared with the card holder’s photo; the platform does not keep it.',
    none: 'Checking you are the card holder: this terminal cannot check it at the moment, so no face can be bound now.',
  },
  retention: (days) =>
    `How long: a face template that is not used for ${days} days in a row is deleted automatically. You can delete it yourself at any time before that.`,
  sharing: {
    bind: 'Sharing: only if you agree separately, your encrypted face template is shared through the hall’s service platform with this hall’s other self-service terminals, so you can use your face at any of them. If you decline, it stays on this terminal only.',
    identify: 'Sharing: citizens who agreed to share when they bound their face can also use it at this hall’s other self-service terminals.',
  },
  localOnly: 'The stored face template is used on this terminal only and never leaves it.',
  records:
    'A record of what was done (when and at which terminal you consented, bound, were checked or deleted, under a pseudonym and with no face data) is kept on this terminal and sent to the hall’s service platform.',
  deletion: {
    local: 'How to delete it: place your ID card on this terminal and touch “Delete my face”; the template is deleted from this terminal at once.',
    shared:
      'How to delete it: place your ID card on this terminal and touch “Delete my face”. The template is deleted from this terminal at once; the hall’s service platform deletes the shared copy, and each of the hall’s other self-service terminals deletes its copy when it next synchronises with the platform (within about a minute while it is online).',
  },
  rights: (contact) =>
    `Your rights: under the Personal Information Protection Law you may see, copy, correct and delete your personal data, withdraw your consent at any time (this does not affect what was done before), and ask how your data is handled. Contact ${contact} or a staffed counter.`,
};

const PHRASES: Record<Language, Phrases> = { 'zh-CN': zhCN, 'zh-HK': zhHK, en };

/** The notice in one language, from the core's facts. */
export function faceNotice(facts: FaceNoticeFacts, language: Language, purpose: NoticePurpose): FaceNotice {
  const p = PHRASES[language];
  const paragraphs: FaceNotice['paragraphs'] = [
    { element: 'controller', text: p.controller(facts, facts.hallName[language], facts.operator[language]) },
    { element: 'purpose', text: p.purpose[purpose] },
    { element: 'whyFace', text: p.whyFace[purpose] },
    { element: 'alternative', text: p.alternative },
    { element: 'kept', text: [p.kept[purpose], ...(facts.sharedAcrossHall ? [] : [p.localOnly]), p.records].join(language === 'en' ? ' ' : '') },
  ];
  if (purpose === 'bind') paragraphs.push({ element: 'holderCheck', text: p.holderCheck[facts.holderCheck] });
  paragraphs.push({ element: 'retention', text: p.retention(facts.retentionDays) });
  // Only where the hall key makes it work: otherwise no sentence says a face reaches other terminals.
  if (facts.sharedAcrossHall) paragraphs.push({ element: 'sharing', text: p.sharing[purpose] });
  paragraphs.push({ element: 'deletion', text: p.deletion[facts.sharedAcrossHall ? 'shared' : 'local'] }, { element: 'rights', text: p.rights(facts.contact) });
  return { title: p.title[purpose], paragraphs };
}
