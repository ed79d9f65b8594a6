/** Date display of the back office, always in Viet Nam time. Pure. */
const parts = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
});

/** "2026-11-28T03:42:00Z" → "28/11/2026 10:42" (dd/MM/yyyy HH:mm in Asia/Ho_Chi_Minh). */
export function dueDateTime(iso: string): string {
  const p = Object.fromEntries(parts.formatToParts(new Date(iso)).map((x) => [x.type, x.value]));
  return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}`;
}

/** A calendar day picked in the portal ("2026-12-03") as the instant of that day's given local time in Viet Nam. */
export function vnDayAt(day: string, time = '08:00'): string {
  return new Date(`${day.slice(0, 10)}T${time}:00+07:00`).toISOString();
}

/** Today's date in Viet Nam ("2026-11-28"). */
export function vnToday(now = new Date()): string {
  const p = Object.fromEntries(parts.formatToParts(now).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day}`;
}
