import { useTranslation } from 'react-i18next';
import type { GuideMaterial } from '../../../../../common/catalog/schema';
import type { Language } from '../../../../../common/i18n/languages';

/** 所需材料: each material's name, original or copy, how many, and its notes. */
export function GuideMaterials({ materials, language, testId }: { materials: readonly GuideMaterial[]; language: Language; testId: string }) {
  const { t } = useTranslation();
  return (
    <ol className="guide-materials" data-testid={testId}>
      {materials.map((m, i) => (
        <li key={i} data-testid={`${testId}-item`}>
          <span className="material-name">{m.name[language]}</span>
          <span className="material-form">
            {t(`guide.${m.form}`)} {t('guide.count', { count: m.count })}
          </span>
          {m.notes && <span className="material-notes">{m.notes[language]}</span>}
        </li>
      ))}
    </ol>
  );
}
