// Who is logged in, what the role may do (as the server says), and the
// look-up tables every page shares: the coded values and the region tree.
import { reactive } from 'vue'
import { api, setCsrfToken } from './client.js'
import { db, getMeta, putMeta } from '../offline/db.js'

export const session = reactive({
  user: null,      // {name, display_name, role, role_name, region_code, must_change_password, may: [...]}
  checked: false,  // the first GET /session has answered
  codes: null,     // {category: [{key, name}], ...}
  regions: null,   // [{code, name, level, parent_code, households, results}]
  offline: false,  // the server could not be reached: the phone's own copy is shown
})

// The last answer of the server for `name` (kept on the device), used when
// the network is gone: a field worker's phone opens its work without signal.
async function kept(name, fetch) {
  try {
    const value = await fetch()
    session.offline = false
    if (name !== 'session' || worksInTheField(value.user)) putMeta(name, value).catch(() => {})
    return value
  } catch (e) {
    if (e.status !== 0) throw e
    const value = await getMeta(name)
    if (value === null) throw e
    session.offline = true
    return value
  }
}

export function may(action) {
  return !!session.user && session.user.may.includes(action)
}

// Only a field worker keeps its session on the device (an office computer
// shared by several people keeps none).
function worksInTheField(user) { return !!user && user.role === 'field_worker' }

function take(answer) {
  session.user = answer.user
  setCsrfToken(answer.csrf_token)
}

export async function restoreSession() {
  try {
    take(await kept('session', () => api.get('/session')))
  } catch {
    session.user = null
  } finally {
    session.checked = true
  }
  return session.user
}

// `code`: the authenticator's code, for a user who signs in in two steps.
export async function logIn(name, password, code = '') {
  const answer = await api.post('/session', code ? { username: name, password, code } : { username: name, password })
  take(answer)
  // Kept for a field worker; any other user's login removes one kept before.
  if (worksInTheField(answer.user)) await putMeta('session', answer).catch(() => {})
  else await db.meta.delete('session').catch(() => {})
  session.offline = false
  session.codes = null
  session.regions = null
  return session.user
}

export async function logOut() {
  try { await api.del('/session') } catch { /* already gone */ }
  forget()
}

export function forget() {
  db.meta.delete('session').catch(() => {})
  session.user = null
  session.codes = null
  session.regions = null
  setCsrfToken('')
}

export async function loadCodes() {
  if (!session.codes) session.codes = await kept('codes', () => api.get('/codes'))
  return session.codes
}

export async function loadRegions(force = false) {
  if (!session.regions || force) session.regions = (await kept('regions', () => api.get('/regions'))).items
  return session.regions
}

// The statistical levels between a province-level city and its counties
// (重庆市 / 县 / 城口县): not a step anyone names, so a path leaves them out
// unless it ends there (a city office whose region is that level).
const PLACEHOLDER_NAMES = new Set(['县', '市辖区', '省直辖县级行政区划', '自治区直辖县级行政区划'])
export function regionSteps(path) {
  return path.filter((r, i) => i === path.length - 1 || !PLACEHOLDER_NAMES.has(r.name))
}

// code → name of every region the user covers (after loadRegions()).
export function regionName(code) {
  const r = (session.regions || []).find((x) => x.code === code)
  return r ? r.name : code
}

// The region tree for an el-tree-select: the user's region at the root.
export function regionTree() {
  const nodes = new Map()
  for (const r of session.regions || []) nodes.set(r.code, { value: r.code, label: r.name, level: r.level, children: [] })
  const roots = []
  for (const r of session.regions || []) {
    const node = nodes.get(r.code)
    const parent = r.parent_code && nodes.get(r.parent_code)
    if (parent) parent.children.push(node)
    else roots.push(node)
  }
  for (const n of nodes.values()) if (!n.children.length) delete n.children
  return roots
}

export function codeName(kind, key) {
  if (!key) return ''
  const list = (session.codes && session.codes[kind]) || []
  const e = list.find((x) => x.key === key)
  return e ? e.name : key
}
