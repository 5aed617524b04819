import { useRef, useState } from 'react';
import type { LocalizedText } from '../../../../../common/i18n/languages';
import { RpcCallError } from '../../../bridge/kiosk-client';
import { useKiosk } from '../../../kiosk/kiosk-context';
import { holdSession } from '../../../session/session-hold';

/** The most copies a citizen may print at once (document.print refuses more). */
export const MAX_COPIES = 3;

/**
 * Where printing one document stands. A sentence is kept as the core gave it (all three
 * languages), or null for the screen's own sentence, so a language switch rewords it.
 */
export type PrintState =
  | { phase: 'idle' }
  | { phase: 'checking' }
  /** The printer cannot print now: nothing was sent, no copies asked. */
  | { phase: 'not-ready'; message: LocalizedText | null }
  | { phase: 'copies' }
  | { phase: 'printing' }
  | { phase: 'printed'; pages: number; copies: number }
  | { phase: 'not-printed'; message: LocalizedText | null; mayRetry: boolean };

const citizenMessageOf = (err: unknown): LocalizedText | null => (err instanceof RpcCallError ? (err.error.citizenMessage ?? null) : null);

/**
 * 打印 for the document `id`: the printer asked first (document.printerStatus), then the copies,
 * then document.print. One call at a time: a second touch while one runs sends nothing.
 */
export function useDocumentPrint(id: string) {
  const { client, language } = useKiosk();
  const [state, setState] = useState<PrintState>({ phase: 'idle' });
  const [copies, setCopies] = useState(1);
  const calling = useRef(false);

  const once = async (action: () => Promise<void>) => {
    if (calling.current) return;
    calling.current = true;
    try {
      await action();
    } finally {
      calling.current = false;
    }
  };

  const askPrinter = () =>
    once(async () => {
      setState({ phase: 'checking' });
      try {
        const status = await client.call('document.printerStatus', {});
        setState(status.ready ? { phase: 'copies' } : { phase: 'not-ready', message: status.message });
      } catch (err) {
        setState({ phase: 'not-ready', message: citizenMessageOf(err) });
      }
    });

  /** Prints `copies` copies; 重新打印 calls it again with the same document and copies. */
  const print = () =>
    once(async () => {
      setState({ phase: 'printing' });
      // A long job must not run the idle countdown out before 请取走 is shown.
      const release = holdSession();
      try {
        const r = await client.call('document.print', { id, copies, lang: language });
        setState(
          r.outcome === 'printed' ? { phase: 'printed', pages: r.pages, copies: r.copies } : { phase: 'not-printed', message: r.message, mayRetry: r.mayRetry },
        );
      } catch (err) {
        setState({ phase: 'not-printed', message: citizenMessageOf(err), mayRetry: false });
      } finally {
        release();
      }
    });

  const chooseCopies = (n: number) => setCopies(Math.min(MAX_COPIES, Math.max(1, n)));
  /** Back from the copies (or a sentence) to the preview's 打印 button. */
  const reset = () => setState({ phase: 'idle' });

  return { state, copies, chooseCopies, askPrinter, print, reset };
}
