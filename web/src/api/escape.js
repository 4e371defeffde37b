// Text for the few places that take HTML (ECharts tooltips): every value
// from data goes through escapeHtml first.
const MAP = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

export function escapeHtml(value) {
  return String(value ?? '').replace(/[&<>"']/g, (c) => MAP[c])
}

// An ECharts pie tooltip: "name：n 户（p%）", the name escaped.
export function pieTooltip(p) {
  return `${escapeHtml(p.name)}：${escapeHtml(p.value)} 户（${escapeHtml(p.percent)}%）`
}

// An ECharts axis tooltip: the category, then each series' value, escaped.
export function axisTooltip(params) {
  const list = Array.isArray(params) ? params : [params]
  if (!list.length) return ''
  const head = escapeHtml(list[0].axisValueLabel ?? list[0].name)
  return [head, ...list.map((p) => `${p.marker || ''}${escapeHtml(p.seriesName)}：${escapeHtml(p.value)}`)].join('<br>')
}
