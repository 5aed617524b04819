import { useEffect, useEffectEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CatalogService } from '../../../../common/catalog/schema';
import type { LocalizedText } from '../../../../common/i18n/languages';
import { RpcCallError } from '../../bridge/kiosk-client';
import { ActionBar } from '../../components/ActionBar';
import { ActionButton } from '../../components/ActionButton';
import { Notice } from '../../components/Notice';
import { Screen } from '../../components/Screen';
import { useKiosk } from '../../kiosk/kiosk-context';
import { useSpokenPrompt } from '../../voice/spoken-prompts';
import { DocumentList, type DocumentView } from './document/DocumentList';
import { OpenDocument } from './document/OpenDocument';
import { openWithPdfJs, type PdfOpener } from './document/pdf-pages';

/**
 * 证明打印: the official documents the hub holds for the identified citizen, one previewed (every
 * page drawn by pdf.js), then printed on the A4 printer in 1–3 copies. `openPdf`: how pages are
 * drawn (pdf.js; a test gives its own, jsdom having no canvas).
 */
export function DocumentScreen({ service, onDone, openPdf = openWithPdfJs }: { service: CatalogService; onDone: () => void; openPdf?: PdfOpener }) {
  const { t } = useTranslation();
  const { client, language } = useKiosk();
  const [documents, setDocuments] = useState<DocumentView[] | null>(null);
  // undefined: no problem; null: the core could not be asked (no sentence of its own).
  const [problem, setProblem] = useState<LocalizedText | null | undefined>(undefined);
  const [chosen, setChosen] = useState<DocumentView | null>(null);
  const problemSentence = problem === undefined ? null : (problem?.[language] ?? t('errors.coreUnavailable'));
  useSpokenPrompt(chosen ? null : (problemSentence ?? (documents?.length === 0 ? t('documents.none') : documents ? t('documents.choose') : null)));

  const onListFailed = useEffectEvent((err: unknown) => setProblem(err instanceof RpcCallError ? (err.error.citizenMessage ?? null) : null));
  useEffect(() => {
    let live = true;
    client.call('document.list', { serviceCode: service.code }).then(
      (r) => live && setDocuments(r.documents),
      (err: unknown) => live && onListFailed(err),
    );
    return () => {
      live = false;
    };
  }, [client, service.code]);

  return (
    <Screen className="documents" testId="document-screen" title={service.name[language]} data-step={chosen ? 'document' : 'list'}>
      {chosen ? (
        <OpenDocument key={chosen.id} document={chosen} openPdf={openPdf} onBack={() => setChosen(null)} onDone={onDone} />
      ) : (
        <>
          {problemSentence && (
            <Notice role="alert" testId="document-problem">
              {problemSentence}
            </Notice>
          )}
          {documents?.length === 0 && <Notice testId="document-none">{t('documents.none')}</Notice>}
          {documents && documents.length > 0 && <p className="document-prompt">{t('documents.choose')}</p>}
          {documents && <DocumentList documents={documents} onChoose={setChosen} />}
          <ActionBar>
            <ActionButton kind="primary" testId="document-finish" onClick={onDone}>
              {t('documents.done')}
            </ActionButton>
          </ActionBar>
        </>
      )}
    </Screen>
  );
}
