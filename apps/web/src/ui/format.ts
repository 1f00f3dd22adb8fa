import dayjs from "dayjs";
import timezone from "dayjs/plugin/timezone";
import utc from "dayjs/plugin/utc";

dayjs.extend(utc);
dayjs.extend(timezone);

/** Linli shows every time in China Standard Time, whatever the browser's own time zone. */
export const displayTimeZone = "Asia/Shanghai";

/** `2026-11-29T04:30:00Z` → `2026-11-29 12:30`. */
export function formatDateTime(iso: string): string {
  return dayjs(iso).tz(displayTimeZone).format("YYYY-MM-DD HH:mm");
}
