const shanghai = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" });

/** The calendar date (YYYY-MM-DD) in China at `instant`: what "today" means to the people using Linli. */
export function localDate(instant: Date): string {
  return shanghai.format(instant);
}
