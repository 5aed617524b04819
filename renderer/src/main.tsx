import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { App } from './App';
import { connectKiosk } from './bridge/kiosk-client';
import { createI18n } from './i18n/i18n';

const client = connectKiosk();
const i18n = createI18n();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <App client={client} />
    </I18nextProvider>
  </StrictMode>,
);
