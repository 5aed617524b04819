import type { Language, LocalizedText } from '../../../common/i18n/languages';
import type { RpcOutput } from '../../../common/rpc/contract';
import { RpcError } from '../../../common/rpc/errors';
import { renderResultSlip } from '../../../devices/printer/layouts/result-slip';
import { printableLanguage } from '../../../devices/printer/layouts/format';
import { resultDetailsView, resultSlipLines } from './result-details';
import { citizenMessages } from '../../../devices/printer/messages';
import { PrintError } from '../../../devices/printer/print-error';
import { resultsAnswerSchema, type HubResult } from '../../../common/hub-protocol/answers';
import type { HubClient } from '../../../offline-queue/hub-client';
import { readHubAnswer } from '../../../offline-queue/hub-answers';
import type { Clock } from '../../../base/clock';
import type { CoreService } from '../../../base/lifecycle';
import type { PrinterService } from '../devices/printer-service';
import { identityRequired, type SessionSubject } from '../identity/session-subject';
import { CallSession } from '../session/call-session';
import type { SessionService } from '../session/session-service';
import type { Logger } from '../../logging/logger';
import type { ParsedInput } from '../rpc/parsed-input';

const STATUS: Record<HubResult['status'], Record<Language, string>> = {
  ready: { 'zh-CN': '已办结', 'zh-HK': '已辦結', en: 'Ready' },
  'in-progress': { 'zh-CN': '办理中', 'zh-HK': '辦理中', en: 'In progress' },
  rejected: { 'zh-CN': '未通过', 'zh-HK': '未通過', en: 'Not approved' },
};

const TRY_LATER = {
  'zh-CN': '暂时无法查询办事结果，请稍后再试，或到窗口咨询',
  'zh-HK': '暫時無法查詢辦事結果，請稍後再試，或到窗口諮詢',
  en: 'Results cannot be looked up right now. Please try again later or ask at a counter.',
};

export interface ResultsServiceDeps {
  logger: Logger;
  clock: Clock;
  /** The hall's name in force, printed on the slip. */
  hallName: () => LocalizedText;
  /** The list a citizen was shown is forgotten when their session ends. */
  session: Pick<SessionService, 'sessionId' | 'onReset'>;
  client: Pick<HubClient, 'get'>;
  printer: Pick<PrinterService, 'print' | 'profile' | 'timeZone'>;
  subject: Pick<SessionSubject, 'current'>;
  /** The hall's time zone: result dates are the hall's days (main/core/hall/hall-time.ts). */
  timeZone: () => string;
}

/** 获取办事结果: the citizen's results from the hub (GET v1/results), and printing the printable ones. */
export class ResultsService implements CoreService {
  readonly name = 'results';
  /** The last list shown to this session's citizen; forgotten when the session ends. */
  private shown: HubResult[] = [];

  constructor(private readonly deps: ResultsServiceDeps) {
    deps.session.onReset(() => (this.shown = []));
  }

  async list(): Promise<RpcOutput<'results.list'>> {
    const { deps } = this;
    const subject = deps.subject.current();
    if (!subject) throw identityRequired('results');
    const call = new CallSession(deps.session, 'results.list');
    const answer = await deps.client.get(`v1/results?subject=${encodeURIComponent(subject)}`);
    // A late answer is the previous citizen's: it must not become the next session's list.
    call.stillCurrent();
    const r = readHubAnswer(answer, resultsAnswerSchema, 'GET v1/results', deps.logger);
    if (r.kind !== 'answer') {
      deps.logger.warn({ kind: r.kind }, 'results not available from the hub');
      throw new RpcError('unavailable', 'the hub did not give the results', { citizenMessage: TRY_LATER });
    }
    this.shown = r.value.results;
    const timeZone = deps.timeZone();
    return {
      results: this.shown.map((x) => ({
        id: x.id,
        title: x.title,
        status: x.status,
        statusText: STATUS[x.status],
        printable: x.printable,
        ...resultDetailsView(x, timeZone),
      })),
    };
  }

  async print({ id, lang }: ParsedInput<'results.print'>): Promise<RpcOutput<'results.print'>> {
    const { deps } = this;
    const result = this.shown.find((x) => x.id === id);
    if (!result || !result.printable)
      throw new RpcError('invalid-input', 'no printable result with that id', { issues: [{ path: 'id', message: 'not a printable result of this citizen' }] });
    const slip = renderResultSlip(
      {
        hall: deps.hallName()[lang],
        title: result.title[lang],
        submissionNumber: result.id,
        service: result.title[lang],
        result: STATUS[result.status][lang],
        details: resultSlipLines(resultDetailsView(result, deps.timeZone()), printableLanguage(lang, deps.printer.profile)),
        printedAt: new Date(deps.clock.now()),
        lang,
      },
      { profile: deps.printer.profile, timeZone: deps.printer.timeZone },
    );
    try {
      await deps.printer.print(slip);
    } catch (err) {
      if (err instanceof PrintError) {
        throw new RpcError('not-ready', `result slip not printed: ${err.reason}`, {
          citizenMessage: citizenMessages(err.reason),
        });
      }
      throw err;
    }
    return { printed: true };
  }
}
