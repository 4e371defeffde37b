// Time stamps as the server writes them (UTC, "2026-12-02T05:55:44Z") shown
// in the user's own time zone, to the minute: "2026-12-02 13:55" (with
// `seconds`, "2026-12-02 13:55:44", as the audit log needs).
export function localTime(iso, { seconds = false } = {}) {
  if (!iso) return ''
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return iso
  const two = (n) => String(n).padStart(2, '0')
  const minute = `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}`
  return seconds ? `${minute}:${two(d.getSeconds())}` : minute
}

// A Date (now by default) as the local calendar day and time the user reads:
// "2026-12-02" and "2026-12-02T13:55:44" (EXIF's form; no zone).
export function localDay(d = new Date()) {
  const two = (n) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}`
}
export function localDateTime(d) {
  const two = (n) => String(n).padStart(2, '0')
  return `${localDay(d)}T${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`
}
