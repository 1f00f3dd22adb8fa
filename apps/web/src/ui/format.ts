import dayjs from "dayjs";
import timezone from "dayjs/plugin/timezone";
import utc from "dayjs/plugin/utc";

dayjs.extend(utc);
dayjs.extend(timezone);

/** Linli shows every time in China Standard Time, whatever the browser's own time zone. */
export const displayTimeZone = "Asia/Shanghai";

/** `2026-11-29T04:30:00Z` → `2026-11-29 12:30`; with seconds where they matter (the audit trail). */
export function formatDateTime(iso: string, precision: "minute" | "second" = "minute"): string {
  return dayjs(iso)
    .tz(displayTimeZone)
    .format(precision === "second" ? "YYYY-MM-DD HH:mm:ss" : "YYYY-MM-DD HH:mm");
}

/** Today's date in China Standard Time, `YYYY-MM-DD`, as the server counts days. */
export function todayInChina(): string {
  return dayjs().tz(displayTimeZone).format("YYYY-MM-DD");
}

/** A `datetime-local` input's value, read as China Standard Time, as an ISO instant: `2026-12-01T19:30` → `2026-12-01T11:30:00.000Z`. */
export function chinaLocalToIso(value: string): string {
  return dayjs.tz(value, displayTimeZone).toISOString();
}

/** An ISO instant as a `datetime-local` value in China Standard Time. */
export function isoToChinaLocal(iso: string): string {
  return dayjs(iso).tz(displayTimeZone).format("YYYY-MM-DDTHH:mm");
}
