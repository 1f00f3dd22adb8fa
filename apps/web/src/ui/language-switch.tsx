import type { Locale } from "@linli/contracts";
import { Segmented } from "antd";
import { useTranslation } from "react-i18next";
import { rememberLocale } from "../app/i18n";

/** 中文 / English; the choice is remembered on this browser. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <Segmented<Locale>
      aria-label={t("header.language")}
      size="small"
      value={i18n.language as Locale}
      options={[
        { label: "中文", value: "zh-CN" },
        { label: "English", value: "en" },
      ]}
      onChange={(locale) => {
        rememberLocale(locale);
        void i18n.changeLanguage(locale);
      }}
    />
  );
}
