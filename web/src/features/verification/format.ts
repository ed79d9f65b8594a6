/** "10:42, 28/11/2026" in Viet Nam time, whatever the visitor's zone. */
export function vnMoment(iso: string): string {
  const at = new Date(iso);
  const time = new Intl.DateTimeFormat('vi-VN', { hour: '2-digit', minute: '2-digit', hour12: false, timeZone: 'Asia/Ho_Chi_Minh' }).format(at);
  const date = new Intl.DateTimeFormat('vi-VN', { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'Asia/Ho_Chi_Minh' }).format(at);
  return `${time}, ${date}`;
}

/** "28/11/2026" in Viet Nam time. */
export function vnDay(iso: string): string {
  return new Intl.DateTimeFormat('vi-VN', { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date(iso));
}
