import { defaultLocale, type Locale, locales } from "@linli/contracts";
import i18next from "i18next";
import { initReactI18next } from "react-i18next";
import { en } from "../locales/en";
import { zhCN } from "../locales/zh-CN";

const storageKey = "linli.locale";

/** The language chosen earlier on this browser, else zh-CN. */
export function storedLocale(): Locale {
  const stored = globalThis.localStorage?.getItem(storageKey);
  return (locales as readonly string[]).includes(stored ?? "") ? (stored as Locale) : defaultLocale;
}

export function rememberLocale(locale: Locale) {
  globalThis.localStorage?.setItem(storageKey, locale);
  document.documentElement.lang = locale;
}

export const i18n = i18next.createInstance();
void i18n.use(initReactI18next).init({
  resources: { "zh-CN": { translation: zhCN }, en: { translation: en } },
  lng: storedLocale(),
  fallbackLng: false,
  interpolation: { escapeValue: false },
  returnNull: false,
});
