// The checks the server makes of a visit and an appraisal
// (service/task_service.cc, core/appraisal.cc), made on the phone too, so
// that a write made without signal is refused at once, with the same words,
// rather than hours later from the outbox.
import { localDay } from '../api/time.js'

const ORDER = ['a', 'b', 'c', 'd']

// The house grade the parts give (site dangerous: D), or null.
export function computedGrade(a, grades) {
  if (a.site_dangerous) return 'D'
  let worst = -1
  for (const g of Object.values(grades)) if (g) worst = Math.max(worst, ORDER.indexOf(g))
  return worst < 0 ? null : ORDER[worst].toUpperCase()
}

// The phone's own calendar day (the server's is China time too).
function today() { return localDay() }

// The first problem of an appraisal in words, or ''.
export function appraisalProblem(a, grades) {
  if (a.site_dangerous && !a.site_hazard.trim()) return '场地危险时请写明危险类型（如滑坡、崩塌、泥石流、地面塌陷、洪涝）'
  if (!computedGrade(a, grades)) return '请至少评定一项承重构件的等级（或认定场地危险）'
  if (a.override_grade && !a.override_reason.trim()) return '调整鉴定等级时必须写明理由'
  if (!a.appraiser.trim()) return '请填写鉴定单位或鉴定人员'
  if (a.appraised_on > today()) return '鉴定日期不能晚于今天'
  return ''
}

// The first problem of a visit in words, or ''. `graded`: the household has
// an assessment with a grade to re-confirm.
export function visitProblem(v, graded) {
  if (v.visited_on > today()) return '核实日期不能晚于今天'
  if (v.lat !== '' && !(Number(v.lat) >= -90 && Number(v.lat) <= 90)) return '纬度应在 -90 到 90 之间'
  if (v.lon !== '' && !(Number(v.lon) >= -180 && Number(v.lon) <= 180)) return '经度应在 -180 到 180 之间'
  if (!v.outcome) return '请选择核实结果'
  if (v.outcome === 'unchanged' && !graded)
    return '该户没有带鉴定等级的评估记录可供确认，请选择“无评估记录，需鉴定”'
  return ''
}
