import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LocalizedText } from '../../../../../common/i18n/languages';
import { RpcCallError } from '../../../bridge/kiosk-client';
import { ActionBar } from '../../../components/ActionBar';
import { ActionButton } from '../../../components/ActionButton';
import { Notice } from '../../../components/Notice';
import { useKiosk } from '../../../kiosk/kiosk-context';
import { useSpokenPrompt } from '../../../voice/spoken-prompts';
import { DocumentPreview } from './DocumentPreview';
import type { DocumentView } from './DocumentList';
import type { PdfOpener } from './pdf-pages';
import { PrintPanel, useSentence } from './PrintPanel';
import { useDocumentPrint, type PrintState } from './use-document-print';

/** Why the document cannot be shown: the core's sentence, or null for the screen's own. */
type Problem = { message: LocalizedText | null; key: string };

/**
 * One chosen document: document.open, the preview, 打印 and its outcome; 请取走 when printed.
 * The PDF lives only here (its base64 in this component's state, its pages in the preview's
 * canvases) and goes with it.
 */
export function OpenDocument(props: { document: DocumentView; openPdf: PdfOpener; onBack: () => void; onDone: () => void }) {
  const { document, openPdf, onBack, onDone } = props;
  const { t } = useTranslation();
  const { client, language } = useKiosk();
  const sentence = useSentence();
  const [pdfBase64, setPdfBase64] = useState<string | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const printing = useDocumentPrint(document.id);
  const { state } = printing;
  useSpokenPrompt(
    problem
      ? sentence(problem.message, problem.key)
      : pdfBase64 === null
        ? t('documents.opening')
        : promptOf(state, sentence, t, language === 'en' ? '. ' : '，'),
  );

  useEffect(() => {
    let live = true;
    client.call('document.open', { id: document.id }).then(
      (opened) => live && setPdfBase64(opened.pdfBase64),
      (err: unknown) => live && setProblem({ message: err instanceof RpcCallError ? (err.error.citizenMessage ?? null) : null, key: 'errors.coreUnavailable' }),
    );
    return () => {
      live = false;
    };
  }, [client, document.id]);

  if (state.phase === 'printed') {
    const sheets = state.pages * state.copies;
    return (
      <section className="document-open" data-testid="document-done-step">
        <Notice role="status" testId="document-printed">
          {t('documents.printed')}
        </Notice>
        <p className="document-sheets" data-testid="document-sheets">
          {t('documents.sheets', { sheets, pages: state.pages, copies: state.copies })}
        </p>
        <ActionBar>
          <ActionButton kind="primary" testId="document-done" onClick={onDone}>
            {t('documents.done')}
          </ActionButton>
        </ActionBar>
      </section>
    );
  }

  return (
    <section className="document-open" data-testid="document-open" data-phase={state.phase}>
      <h3 className="document-open-title">{document.title[language]}</h3>
      {problem && (
        <Notice role="alert" testId="document-open-problem">
          {sentence(problem.message, problem.key)}
        </Notice>
      )}
      {!problem && pdfBase64 === null && (
        <Notice role="status" testId="document-opening">
          {t('documents.opening')}
        </Notice>
      )}
      {!problem && pdfBase64 !== null && (
        <DocumentPreview pdfBase64={pdfBase64} openPdf={openPdf} onFailed={() => setProblem({ message: null, key: 'documents.unreadable' })} />
      )}
      {problem || pdfBase64 === null ? (
        <ActionBar>
          <ActionButton kind="secondary" testId="document-back" onClick={onBack}>
            {t('documents.backToList')}
          </ActionButton>
        </ActionBar>
      ) : (
        <PrintPanel printing={printing} onBack={onBack} />
      )}
    </section>
  );
}

type Translate = (key: string, options?: Record<string, unknown>) => string;

/** What is said at each step of printing; `pause` joins two sentences in the session's language. */
function promptOf(state: PrintState, sentence: ReturnType<typeof useSentence>, t: Translate, pause: string): string {
  switch (state.phase) {
    case 'idle':
      return t('documents.previewPrompt');
    case 'checking':
      return t('documents.checkingPrinter');
    case 'not-ready':
      return sentence(state.message, 'documents.printerNotReady');
    case 'copies':
      return t('documents.copiesPrompt');
    case 'printing':
      return t('documents.printingPrompt');
    case 'printed':
      return `${t('documents.printed')}${pause}${t('documents.sheets', { sheets: state.pages * state.copies, pages: state.pages, copies: state.copies })}`;
    case 'not-printed':
      return sentence(state.message, 'documents.notPrinted');
  }
}
