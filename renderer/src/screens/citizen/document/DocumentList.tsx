import { useTranslation } from 'react-i18next';
import type { RpcOutput } from '../../../../../common/rpc/contract';
import { useKiosk } from '../../../kiosk/kiosk-context';

export type DocumentView = RpcOutput<'document.list'>['documents'][number];

/** The documents the citizen may print, each a large button: title, issuer, pages, valid until. */
export function DocumentList({ documents, onChoose }: { documents: readonly DocumentView[]; onChoose: (document: DocumentView) => void }) {
  const { t } = useTranslation();
  const { language } = useKiosk();
  return (
    <ul className="document-list">
      {documents.map((d) => (
        <li key={d.id}>
          <button type="button" className="document-item" data-testid="document-item" data-document-id={d.id} onClick={() => onChoose(d)}>
            <span className="document-title">{d.title[language]}</span>
            <span className="document-issuer">{d.issuer[language]}</span>
            <span className="document-facts">
              <span>{t('documents.pages', { count: d.pages })}</span>
              <span>{d.validUntil ? t('documents.validUntil', { date: d.validUntil }) : t('documents.noExpiry')}</span>
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}
