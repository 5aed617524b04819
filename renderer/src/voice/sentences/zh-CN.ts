import type { SpokenSentences } from './spoken-sentences';
import { numberForTheEar } from './number-for-the-ear';

/** 简体中文, said in Mandarin. */
export const zhCNSentences: SpokenSentences = {
  attract: '请放置身份证，或者点一下屏幕，开始办事',
  chooseService: '请选择要办理的事项',
  confirmTicket: (serviceName) => `您要办理的是${serviceName}。确认的话，请按确认取号`,
  ticketIssued: (number, printProblem) =>
    printProblem === null
      ? `您的号码是 ${numberForTheEar(number, 'zh-CN')}，请取走凭条，留意叫号`
      : `您的号码是 ${numberForTheEar(number, 'zh-CN')}。${printProblem}请记下您的号码`,
  checkedIn: (number, printProblem) => `签到成功。${zhCNSentences.ticketIssued(number, printProblem)}`,
  rateService: '请为本次服务评价',
  thanksForRating: '谢谢您的评价',
  ratingNotRecorded: '评价没有保存下来，谢谢您',
  stillThere: (seconds) => `您还在吗？${seconds}秒后将返回首页，并清除您的信息。要继续办理，请点一下屏幕`,
};
