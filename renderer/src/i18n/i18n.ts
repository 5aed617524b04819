import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { resources } from './resources';

export function createI18n(): i18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    resources,
    lng: 'zh-CN',
    fallbackLng: 'zh-CN',
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return instance;
}
