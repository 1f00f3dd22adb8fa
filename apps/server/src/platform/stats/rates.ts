/**
 * Year-on-year change (同比) as a percentage with one decimal: (this year − last year) / last
 * year. Null when last year is unknown or zero, where no percentage means anything. Integer
 * inputs (counts, fen) keep the arithmetic exact before the one rounding.
 */
export function yearOnYear(current: number, previous: number | undefined): number | null {
  if (previous === undefined || previous === 0) return null;
  return Math.round(((current - previous) * 1000) / previous) / 10;
}

/** A share from 0 to 1 with four decimals (0.75 for 3 of 4); null of nothing, as the evaluation tables give rates. */
export function ratio(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000;
}

/** A share as a percentage with one decimal (75 for 3 of 4); null of nothing, where no rate means anything. */
export function percent(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 1000) / 10;
}
