import type { LocalizedText } from '../../../common/i18n/languages';

/** 删除我的人脸: a face was held here and is deleted; the hall is told. */
export const FACE_DELETED_HERE: LocalizedText = {
  'zh-CN': '您的人脸信息已在本机删除，大厅其他终端和服务器也将删除',
  'zh-HK': '您的人臉資料已在本機刪除，大廳其他終端和伺服器亦將刪除',
  en: 'Your face data has been deleted on this terminal; the hall’s other terminals and its server will delete it too',
};

/** 删除我的人脸: nothing was held here; the deletion was passed to the hall for the other terminals. */
export const FACE_NOT_HELD_HALL_TOLD: LocalizedText = {
  'zh-CN': '本机没有保存您的人脸信息。删除请求已发送，大厅其他终端和服务器上的人脸信息将被删除',
  'zh-HK': '本機沒有保存您的人臉資料。刪除請求已發送，大廳其他終端和伺服器上的人臉資料將被刪除',
  en: 'This terminal holds no face data of yours. Your deletion request has been sent: the hall’s other terminals and its server will delete any they hold',
};

/** 删除我的人脸: deleted here, but the hall could not be told from this terminal now. */
export const FACE_DELETED_HALL_NOT_TOLD: LocalizedText = {
  'zh-CN': '您的人脸信息已在本机删除。暂时无法通知大厅其他终端，请在其他终端再次删除或联系工作人员',
  'zh-HK': '您的人臉資料已在本機刪除。暫時無法通知大廳其他終端，請在其他終端再次刪除或聯絡工作人員',
  en: 'Your face data has been deleted on this terminal. The hall’s other terminals cannot be told right now: please delete it again at another terminal or ask the staff',
};

/** 删除我的人脸: nothing was held here and the hall could not be told. */
export const FACE_NOT_HELD_HALL_NOT_TOLD: LocalizedText = {
  'zh-CN': '本机没有保存您的人脸信息，暂时也无法通知大厅其他终端。请联系工作人员',
  'zh-HK': '本機沒有保存您的人臉資料，暫時亦無法通知大廳其他終端。請聯絡工作人員',
  en: 'This terminal holds no face data of yours, and the hall’s other terminals cannot be told right now. Please ask the staff',
};

/** Without the hall key (nothing is shared): deleted here. */
export const FACE_DELETED: LocalizedText = { 'zh-CN': '您的人脸信息已删除', 'zh-HK': '您的人臉資料已刪除', en: 'Your face data has been deleted' };

/** Without the hall key (nothing is shared): nothing was held here. */
export const FACE_NOT_HELD: LocalizedText = {
  'zh-CN': '本机没有保存您的人脸信息',
  'zh-HK': '本機沒有保存您的人臉資料',
  en: 'This terminal holds no face data of yours',
};

/**
 * The sentence for a citizen's deletion: whether anything was held here and, where the hall
 * shares bindings (hall key in force), whether the hall was told.
 */
export function deletionSentence(removed: boolean, hallShares: boolean, hallNotified: boolean): LocalizedText {
  if (!hallShares) return removed ? FACE_DELETED : FACE_NOT_HELD;
  if (removed) return hallNotified ? FACE_DELETED_HERE : FACE_DELETED_HALL_NOT_TOLD;
  return hallNotified ? FACE_NOT_HELD_HALL_TOLD : FACE_NOT_HELD_HALL_NOT_TOLD;
}
