// 「下载任务」: the field worker's open tasks, with everything a visit needs
// without signal, kept on the phone (db.js): each task's detail, its
// household (numbers masked) with its building and latest evidence, the
// buildings around it for the map, the appraisal parts and the codes.
import { toRaw } from 'vue'
import { api } from '../api/client.js'
import { loadCodes, session } from '../api/session.js'
import { db, getMeta, putMeta } from './db.js'

const AROUND = 0.0015  // degrees (≈ 150 m) around the dwelling's building

function bboxOf(feature) {
  const pts = []
  const walk = (c) => { if (typeof c[0] === 'number') pts.push(c); else c.forEach(walk) }
  if (feature && feature.geometry) walk(feature.geometry.coordinates)
  if (!pts.length) return null
  const lons = pts.map((p) => p[0]), lats = pts.map((p) => p[1])
  return [Math.min(...lons) - AROUND, Math.min(...lats) - AROUND, Math.max(...lons) + AROUND, Math.max(...lats) + AROUND]
}

async function myOpenTasks() {
  const out = []
  for (let page = 1; ; ++page) {
    const r = await api.get('/field-tasks', { mine: 1, active: 1, page, page_size: 200 })
    out.push(...r.items)
    if (out.length >= r.total || !r.items.length) return out
  }
}

async function oneTask(row, user) {
  const detail = await api.get(`/field-tasks/${row.id}`)
  const household = await api.get(`/households/${row.household_id}`)
  let neighbours = []
  const box = bboxOf(household.building)
  if (box) neighbours = (await api.get('/buildings', { bbox: box.join(','), limit: 300 })).features
  return { id: row.id, user, detail, household, neighbours, saved_at: new Date().toISOString() }
}

// Replaces the worker's copy with what the server has now. `onProgress(done, total)`.
export async function downloadTasks(onProgress = () => {}) {
  const user = session.user.name
  const rows = await myOpenTasks()
  const copies = []
  for (let i = 0; i < rows.length; i += 4) {
    copies.push(...(await Promise.all(rows.slice(i, i + 4).map((r) => oneTask(r, user)))))
    onProgress(copies.length, rows.length)
  }
  const parts = (await api.get('/appraisal-parts')).items
  const codes = toRaw(await loadCodes())  // the session's reactive copy cannot be stored as it is
  const saved_at = new Date().toISOString()
  await db.transaction('rw', db.tasks, db.meta, async () => {
    await db.tasks.where('user').equals(user).delete()
    await db.tasks.bulkPut(copies)
    await putMeta('parts', parts)
    await putMeta('codes', codes)
    await putMeta('copy', { user, saved_at, count: copies.length })
  })
  return { count: copies.length, saved_at }
}

// The copy's age and size for the worker's own user, or null.
export async function copyInfo() {
  const copy = await getMeta('copy')
  return copy && session.user && copy.user === session.user.name ? copy : null
}

export function localTask(id) { return db.tasks.get(Number(id)) }

export async function localTasks() {
  if (!session.user) return []
  return db.tasks.where('user').equals(session.user.name).toArray()
}

export async function localParts() { return (await getMeta('parts')) || [] }

// "3 分钟前" / "2 小时前" / "5 天前".
export function ageText(iso) {
  const minutes = Math.max(0, Math.round((Date.now() - Date.parse(iso)) / 60000))
  if (minutes < 1) return '刚刚'
  if (minutes < 60) return `${minutes} 分钟前`
  if (minutes < 48 * 60) return `${Math.round(minutes / 60)} 小时前`
  return `${Math.round(minutes / 1440)} 天前`
}
