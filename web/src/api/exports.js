// Excel exports run as background jobs: start one, follow its progress,
// then download the workbook it made.
import { api } from './client.js'
import { waitForJob } from './jobs.js'

export const EXPORT_KINDS = [
  { key: 'ledger', name: '危房台账' },
  { key: 'households', name: '农户清单' },
  { key: 'field_tasks', name: '外业核实任务' },
  { key: 'records', name: '四类信息审核情况' },
  { key: 'summary', name: '汇总表' },
]

// Runs the export and saves the file; `onProgress(percent, rows)` as it goes.
export async function runExport(kind, params, onProgress = () => {}) {
  const { job } = await api.post('/exports', { kind, ...params })
  const done = await waitForJob(job.id, (j) => onProgress(Math.round((j.progress || 0) * 100), j.rows || 0), { interval: 500 })
  if (done.status !== 'succeeded') throw new Error(done.message || '导出失败')
  return api.download(`/jobs/${done.id}/file`, {}, (done.result && done.result.file_name) || `${kind}.xlsx`)
}

// One printed document (PDF), made while the request waits and saved:
// kind record | appraisal | household | ledger | acceptance | sample.
export function printDocument(kind, query, fallbackName) {
  return api.download(`/print/${kind}`, query, fallbackName || `${kind}.pdf`)
}

// 打印本村档案: a village's or town's household files in one PDF, a
// background job; `onProgress(percent, households)` as it goes.
export async function printHouseholdFiles(region, fullId, onProgress = () => {}) {
  const { job } = await api.post('/prints', { region, full_id: !!fullId })
  const done = await waitForJob(job.id, (j) => onProgress(Math.round((j.progress || 0) * 100), j.rows || 0), { interval: 500 })
  if (done.status !== 'succeeded') throw new Error(done.message || '打印失败')
  return api.download(`/jobs/${done.id}/file`, {}, (done.result && done.result.file_name) || '农户档案.pdf')
}
