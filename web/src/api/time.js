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
