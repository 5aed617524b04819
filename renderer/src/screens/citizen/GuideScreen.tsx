import { useTranslation } from 'react-i18next';
import type { CatalogService } from '../../../../common/catalog/schema';
import { ActionBar } from '../../components/ActionBar';
import { ActionButton } from '../../components/ActionButton';
import { QrCode } from '../../components/QrCode';
import { Screen } from '../../components/Screen';
import { useKiosk } from '../../kiosk/kiosk-context';
import { useSpokenPrompt } from '../../voice/spoken-prompts';
import { GuideMaterials } from './guide/GuideMaterials';

/** 办事指南 of one service, opened by its ⓘ on the menu: who may apply, what to bring, fees, time limits, where, when, and its QR code. */
export function GuideScreen({ service, onBack, onStart }: { service: CatalogService; onBack: () => void; onStart: () => void }) {
  const { t } = useTranslation();
  const { language } = useKiosk();
  const name = service.name[language];
  useSpokenPrompt(`${t('guide.title')}${language === 'en' ? ': ' : '：'}${name}`);
  const guide = service.guide;
  const row = (label: string, value: string, testId: string) => (
    <>
      <dt>{label}</dt>
      <dd data-testid={testId}>{value}</dd>
    </>
  );
  return (
    <Screen className="guide" testId="guide-screen" title={t('guide.title')}>
      <p className="guide-service" data-testid="guide-service">
        {name}
      </p>
      {guide && (
        <div className="guide-body">
          <div className="guide-text">
            <dl className="guide-facts">
              {row(t('guide.eligibility'), guide.eligibility[language], 'guide-eligibility')}
              {row(t('guide.fees'), guide.fees[language], 'guide-fees')}
              {row(t('guide.legalTimeLimit'), guide.legalTimeLimit[language], 'guide-legal-limit')}
              {row(t('guide.promisedTimeLimit'), guide.promisedTimeLimit[language], 'guide-promised-limit')}
              {row(t('guide.where'), `${guide.floor[language]} ${guide.counter[language]}`, 'guide-where')}
              {row(t('guide.hours'), guide.hours[language], 'guide-hours')}
            </dl>
            <h3>{t('guide.materials')}</h3>
            <GuideMaterials materials={guide.materials} language={language} testId="guide-materials" />
          </div>
          {guide.url && (
            <figure className="guide-qr">
              <QrCode text={guide.url} label={t('guide.qr')} testId="guide-qr" />
              <figcaption>{t('guide.qr')}</figcaption>
              <p className="guide-url" data-testid="guide-url">
                {guide.url}
              </p>
            </figure>
          )}
        </div>
      )}
      <ActionBar>
        <ActionButton kind="secondary" testId="guide-back" onClick={onBack}>
          {t('guide.back')}
        </ActionButton>
        <ActionButton kind="primary" testId="guide-start" onClick={onStart}>
          {t('guide.start')}
        </ActionButton>
      </ActionBar>
    </Screen>
  );
}
