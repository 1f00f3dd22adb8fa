import { defaultLocale, type Locale } from "@linli/contracts";

/** RFC 9110 §12.5.4: language-range [ ";" "q=" qvalue ]. */
const rangePattern = /^(?:[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*|\*)$/;
const qPattern = /^q=(?:0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$/i;
const maxHeaderLength = 512;

export type AcceptLanguageResult = { ok: true; locale: Locale } | { ok: false };

/**
 * Picks zh-CN or en from an Accept-Language header. A well-formed header naming neither falls
 * back to zh-CN (negotiation, not an error); a malformed one is reported so the caller can say so.
 */
export function negotiateLocale(header: string | undefined): AcceptLanguageResult {
  if (header === undefined || header.trim() === "") return { ok: true, locale: defaultLocale };
  if (header.length > maxHeaderLength) return { ok: false };
  const ranges: { tag: string; q: number; order: number }[] = [];
  const parts = header.split(",");
  for (const [order, part] of parts.entries()) {
    const [rangeText = "", ...parameters] = part.split(";").map((piece) => piece.trim());
    if (!rangePattern.test(rangeText)) return { ok: false };
    let q = 1;
    for (const parameter of parameters) {
      if (!qPattern.test(parameter.replace(/\s+/g, ""))) return { ok: false };
      q = Number(parameter.replace(/\s+/g, "").slice(2));
    }
    ranges.push({ tag: rangeText.toLowerCase(), q, order });
  }
  ranges.sort((a, b) => b.q - a.q || a.order - b.order);
  for (const { tag, q } of ranges) {
    if (q === 0) continue;
    if (tag === "zh" || tag.startsWith("zh-")) return { ok: true, locale: "zh-CN" };
    if (tag === "en" || tag.startsWith("en-")) return { ok: true, locale: "en" };
  }
  return { ok: true, locale: defaultLocale };
}
