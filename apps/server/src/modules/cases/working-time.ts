/**
 * Due times: a stage's hours counted either round the clock or in working hours only — Monday to
 * Friday, 08:30–12:00 and 14:00–17:30 China Standard Time (no daylight saving since 1991) — with
 * the admins' calendar of holidays and of weekend days worked instead (调休).
 */
export type CalendarDays = ReadonlyMap<string, "holiday" | "workday">;

const hourMs = 3_600_000;
const chinaOffsetMs = 8 * hourMs;
/** Working periods of a day, in minutes after local midnight. */
const periods: readonly [number, number][] = [
  [8 * 60 + 30, 12 * 60],
  [14 * 60, 17 * 60 + 30],
];

/** Whether the local date (YYYY-MM-DD, China Standard Time) is a working day. */
export function isWorkingDay(localDate: string, calendar: CalendarDays): boolean {
  const marked = calendar.get(localDate);
  if (marked) return marked === "workday";
  const weekday = new Date(`${localDate}T00:00:00Z`).getUTCDay();
  return weekday >= 1 && weekday <= 5;
}

/** `start` plus `hours`, counted round the clock or in working time only. */
export function addStageHours(start: Date, hours: number, workingHours: boolean, calendar: CalendarDays): Date {
  if (!workingHours) return new Date(start.getTime() + hours * hourMs);
  let remainingMs = Math.round(hours * hourMs);
  // Walk local days from the start's; bounded: a year's hours need a few hundred working days.
  const local = new Date(start.getTime() + chinaOffsetMs);
  let dayStartUtc = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()) - chinaOffsetMs;
  let from = start.getTime();
  for (let day = 0; day < 3_660; day += 1) {
    const localDate = new Date(dayStartUtc + chinaOffsetMs).toISOString().slice(0, 10);
    if (isWorkingDay(localDate, calendar)) {
      for (const [open, close] of periods) {
        const periodStart = Math.max(from, dayStartUtc + open * 60_000);
        const periodEnd = dayStartUtc + close * 60_000;
        if (periodEnd <= periodStart) continue;
        if (periodEnd - periodStart >= remainingMs) return new Date(periodStart + remainingMs);
        remainingMs -= periodEnd - periodStart;
      }
    }
    dayStartUtc += 24 * hourMs;
    from = dayStartUtc;
  }
  throw new Error("a due time more than ten years away");
}
