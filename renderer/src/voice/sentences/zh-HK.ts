import type { SpokenSentences } from './spoken-sentences';
import { numberForTheEar } from './number-for-the-ear';

/** 繁體中文, said in Cantonese: the spoken form (你嘅號碼係…), not the written one the screen shows. */
export const zhHKSentences: SpokenSentences = {
  attract: '請放低身份證，或者撳一下螢幕，開始辦事',
  chooseService: '請揀你要辦嘅事項',
  confirmTicket: (serviceName) => `你要辦嘅係${serviceName}。確認嘅話，請撳確認取號`,
  ticketIssued: (number, printProblem) =>
    printProblem === null
      ? `你嘅號碼係 ${numberForTheEar(number, 'zh-HK')}，請攞走憑條，留意叫號`
      : `你嘅號碼係 ${numberForTheEar(number, 'zh-HK')}。${printProblem}請記低你嘅號碼`,
  checkedIn: (number, printProblem) => `簽到成功。${zhHKSentences.ticketIssued(number, printProblem)}`,
  rateService: '請為今次嘅服務評分',
  thanksForRating: '多謝你嘅評價',
  ratingNotRecorded: '評價儲存唔到，多謝你',
  stillThere: (seconds) => `你仲喺唔喺度？${seconds}秒之後會返回主頁，並清除你嘅資料。要繼續辦理，請撳一下螢幕`,
};
