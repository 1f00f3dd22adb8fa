const shanghai = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" });

/** The calendar date (YYYY-MM-DD) in China at `instant`: what "today" means to the people using Linli. */
export function localDate(instant: Date): string {
  return shanghai.format(instant);
}

const shanghaiMinute = new Intl.DateTimeFormat("en-CA", {
  timeZone: "Asia/Shanghai",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

/** The local date and time in China (YYYY-MM-DD HH:mm) of an ISO instant, for exports read by people. */
export function shanghaiDateTime(iso: string): string {
  const parts = Object.fromEntries(shanghaiMinute.formatToParts(new Date(iso)).map((part) => [part.type, part.value]));
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}
