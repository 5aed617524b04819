import type { Language } from '../../../../common/i18n/languages';

/** The two consents for binding a face, under `consent` in the resources (versions: CONSENT_TEXT_VERSIONS). */
const zhCN = {
  store: {
    title: '同意在本机保存人脸信息？',
    body: [
      '刷脸办事需要保存您的人脸特征（一组数字，不保存照片），加密存放在本终端，与身份信息分开保存。',
      '您可以随时凭身份证在本机“删除我的人脸”。长期未使用的人脸信息会自动删除。',
      '不同意不影响办事，您仍可使用身份证办理所有业务。',
    ],
    agree: '同意并继续',
    decline: '不同意',
  },
  share: {
    title: '同意在本大厅其他终端刷脸？',
    body: ['如您同意，加密的人脸特征将同步到本大厅的其他自助终端，您在任一终端均可刷脸办事。', '此项与上一项分开，可单独拒绝；拒绝后人脸信息只保存在本机。'],
    agree: '同意共享',
    decline: '仅本机使用',
  },
};

export const consentStrings: Record<Language, typeof zhCN> = {
  'zh-CN': zhCN,
  'zh-HK': {
    store: {
      title: '同意在本機保存人臉資料？',
      body: [
        '刷臉辦事需要保存您的人臉特徵（一組數字，不保存照片），加密存放在本終端，與身份資料分開保存。',
        '您可以隨時憑身份證在本機「刪除我的人臉」。長期未使用的人臉資料會自動刪除。',
        '不同意不影響辦事，您仍可使用身份證辦理所有業務。',
      ],
      agree: '同意並繼續',
      decline: '不同意',
    },
    share: {
      title: '同意在本大廳其他終端刷臉？',
      body: ['如您同意，加密的人臉特徵將同步到本大廳的其他自助終端，您在任一終端均可刷臉辦事。', '此項與上一項分開，可單獨拒絕；拒絕後人臉資料只保存在本機。'],
      agree: '同意共享',
      decline: '僅本機使用',
    },
  },
  en: {
    store: {
      title: 'Store your face on this terminal?',
      body: [
        'To identify you by face we keep your face features (numbers, never a photo), encrypted on this terminal and apart from your identity data.',
        'You can delete them at any time at this terminal with your ID card. Unused face data is deleted automatically.',
        'If you decline, nothing changes: you can still use your ID card for every service.',
      ],
      agree: 'I agree',
      decline: 'No, thanks',
    },
    share: {
      title: 'Use your face at the hall’s other terminals?',
      body: [
        'If you agree, your encrypted face features are shared with this hall’s other terminals, so you can use your face at any of them.',
        'This is separate from the first question. If you decline, your face stays on this terminal only.',
      ],
      agree: 'Yes, share',
      decline: 'This terminal only',
    },
  },
};
