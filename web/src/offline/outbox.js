// The outbox of field writes (issue 24): visits, appraisals and photos made
// on the phone wait here, in the order they were made, until the server has
// them. Each carries its own Idempotency-Key from the moment it is made, so
// a retry after a lost answer is the same write, never a second one.
//
// Sending stops at the first network or server failure and starts again by
// itself (when the signal returns, every half minute while anything waits)
// or by the button. A write the server refuses (the task was cancelled or
// given to someone else, its version moved on) stays, marked with the
// server's reason, until the worker chooses: send anyway (where the server
// may still take it), discard, or keep it as a note. Nothing is dropped.
import { reactive, toRaw } from 'vue'
import { ApiError } from '../api/client.js'
import { session } from '../api/session.js'
import { db } from './db.js'
import { currentTask, sendItem, transient } from './send.js'

// `needsLogin`: the session ended while the phone was away; the writes wait
// until the worker logs in again.
export const outbox = reactive({ waiting: 0, refused: 0, sending: false, problem: '', needsLogin: false, items: [] })

function me() { return (session.user && session.user.name) || '' }

// 128 random bits as hex (crypto.randomUUID needs a secure context; a town
// server on the office network may be plain http).
export function newKey() {
  const bytes = crypto.getRandomValues(new Uint8Array(16))
  return 'fw-' + [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')
}

// Items a page is sending right now count as waiting: they are not on the server yet.
export async function refreshOutbox() {
  const items = await db.outbox.where('user').equals(me()).sortBy('seq')
  outbox.items = items
  outbox.waiting = items.filter((i) => i.state !== 'refused').length
  outbox.refused = items.filter((i) => i.state === 'refused').length
  return items
}

// Moves the waiting writes of a task made on version `from` to `to`.
function moveOn(taskId, from, to) {
  return db.outbox.where('task_id').equals(taskId).modify((o) => {
    if (o.state !== 'refused' && o.base_version === from) o.base_version = to
  })
}

// After a write the server took: the local copy follows, and the writes
// still waiting for the same task, made on the version this one moved on
// from, move on with it (they were made after it, by the same hand).
async function accepted(item, answer) {
  let task = answer && answer.task
  if (item.kind !== 'photo' && !task) task = await currentTask(item.task_id)
  await db.transaction('rw', db.outbox, db.tasks, async () => {
    await db.outbox.delete(item.seq)
    if (!task) return
    await moveOn(item.task_id, item.base_version, task.version)
    const copy = await db.tasks.get(item.task_id)
    if (copy) {
      copy.detail.task = task
      if (answer && answer.judgment) copy.detail.judgment = { ...copy.detail.judgment, ...answer.judgment }
      await db.tasks.put(copy)
    }
  })
}

// Why the server refused a write, in the words that help the worker: the
// task as it is now (cancelled by the town with its reason, given to
// someone else, finished) says more than the refusal itself. A task that
// can take nothing more refuses every write of it still waiting, at once.
async function refuse(item, e) {
  let refusal = { status: e.status, message: e.message, may_resend: e.status === 409 }
  let whole = false
  try {
    const task = await currentTask(item.task_id)
    if (task.status === 'cancelled') refusal = { status: e.status, message: `镇里已取消这个任务：${task.closed_reason || '未写原因'}`, may_resend: false }
    else if (task.status === 'closed') refusal = { status: e.status, message: `这个任务已完成：${task.closed_reason || ''}`, may_resend: false }
    else if (task.assignee && task.assignee !== me()) refusal = { status: e.status, message: `这个任务已改派给${task.assignee_name || task.assignee}`, may_resend: false }
    whole = !refusal.may_resend && e.status !== 400
  } catch (err) {
    if (err.status === 404) { refusal = { status: 404, message: '这个任务已不在您的范围内', may_resend: false }; whole = true }
  }
  await db.transaction('rw', db.outbox, async () => {
    await db.outbox.update(item.seq, { state: 'refused', refusal })
    if (whole)
      await db.outbox.where('task_id').equals(item.task_id).modify((o) => {
        if (o.state === 'waiting') Object.assign(o, { state: 'refused', refusal })
      })
  })
}

// The status a task shows on the phone: the server's, moved on by the
// writes still waiting to be sent (a visit leaves it visited, or closed
// when the grade is re-confirmed; an appraisal closes it).
export function statusWith(task, items) {
  let s = task.status
  for (const i of items) {
    if (i.task_id !== task.id || i.state !== 'waiting') continue
    if (i.kind === 'visit') s = i.body.outcome === 'unchanged' ? 'closed' : 'visited'
    if (i.kind === 'appraisal') s = 'closed'
  }
  return s
}
export const STATUS_NAMES = { open: '待核实', visited: '已核实待鉴定', closed: '已完成', cancelled: '已取消' }

function stopped(e) {
  outbox.needsLogin = e.status === 401
  outbox.problem = e.status === 401 ? '登录已失效：请重新登录后上传（记录仍保存在手机上）' : e.message
}

let running = null
let again = false
// Sends what waits, in order. A refused write holds back the later writes
// of its task (they were made after it) but not those of other tasks. A
// call while a pass runs asks for one more pass after it (the pass listed
// the outbox before the new write was in it). Two tabs never send at once
// (a Web Lock).
export function syncOutbox() {
  if (running) {
    again = true
    return running
  }
  const pass = () => (navigator.locks ? navigator.locks.request('anju-outbox', run) : run())
  running = (async () => {
    do {
      again = false
      await pass()
    } while (again && !outbox.problem)
  })().finally(() => { running = null })
  return running
}

async function run() {
  outbox.sending = true
  outbox.problem = ''
  try {
    const held = new Set()
    for (const listed of await refreshOutbox()) {
      // As it is now: a write sent before it may have moved its version on.
      const item = await db.outbox.get(listed.seq)
      if (!item) continue
      if (item.state !== 'waiting') { held.add(item.task_id); continue }  // refused, or being sent by its page
      if (held.has(item.task_id)) continue
      try {
        await accepted(item, await sendItem(item, item.base_version))
        outbox.needsLogin = false
      } catch (e) {
        if (!(e instanceof ApiError)) throw e
        if (transient(e)) { stopped(e); break }
        await refuse(item, e)
        held.add(item.task_id)
      }
    }
  } finally {
    outbox.sending = false
    await refreshOutbox()
  }
}

// Asks the browser once to keep the outbox even when the phone is short of
// space (otherwise IndexedDB is "best effort" and may be cleared).
let persisted = false
export async function keepOnDevice() {
  if (persisted || !navigator.storage || !navigator.storage.persist) return true
  persisted = await navigator.storage.persist().catch(() => false)
  return persisted
}

// Keeps a write for sending: it goes to the server as soon as it can.
// `state` 'sending': its page sends it now (the key is kept first, so a
// page closed before the answer leaves the same write to send again).
export async function enqueue(item, state = 'waiting') {
  keepOnDevice()
  const row = { key: newKey(), user: me(), state, created_at: new Date().toISOString(), ...item }
  row.seq = await db.outbox.add(row)
  await refreshOutbox()
  return row
}

// A field write from a page. Online with nothing waiting for the task, it
// is sent at once and the server's answer comes back as before; without
// signal, or when the server cannot be reached, it waits in the outbox
// under the same key: `{ queued: true }`. A refusal is thrown (the form
// shows it; the worker still has what was typed) — or, with `keepRefused`
// (a photo, which may exist nowhere else), kept in the outbox with its
// reason: `{ refused: error }`.
export async function fieldWrite(item, { keepRefused = false } = {}) {
  await refreshOutbox()
  const earlier = outbox.items.some((o) => o.task_id === item.task_id)
  if (!navigator.onLine || earlier) {
    await enqueue(item)
    syncOutbox().catch(() => {})
    return { queued: true, behind: navigator.onLine }
  }
  const row = await enqueue(item, 'sending')
  try {
    const answer = await sendItem(row, row.base_version)
    await accepted(row, answer)
    await refreshOutbox()
    return { queued: false, answer }
  } catch (e) {
    if (!(e instanceof ApiError)) throw e
    if (transient(e)) {
      stopped(e)
      await db.outbox.update(row.seq, { state: 'waiting' })
      await refreshOutbox()
      return { queued: true }
    }
    if (keepRefused) {
      await refuse(row, e)
      await refreshOutbox()
      return { refused: e }
    }
    await db.outbox.delete(row.seq)
    await refreshOutbox()
    throw e
  }
}

// The worker's choices for a refused write. Sending anyway (a version
// conflict only) puts it, and the writes held behind it, on the task's
// version now; the server still checks everything else.
export async function resendAnyway(item) {
  const task = await currentTask(item.task_id)
  await db.transaction('rw', db.outbox, async () => {
    await db.outbox.update(item.seq, { state: 'waiting', refusal: null })
    await moveOn(item.task_id, item.base_version, task.version)
  })
  return syncOutbox()
}

export async function discard(item) {
  await db.outbox.delete(item.seq)
  return refreshOutbox()
}

export async function keepAsNote(shown) {
  const item = toRaw(shown)  // as the page shows it, a reactive view, which IndexedDB cannot store
  await db.transaction('rw', db.outbox, db.notes, async () => {
    await db.notes.add({ user: item.user, task_id: item.task_id, label: item.label, body: item.body || null,
      blob: item.blob || null, refusal: item.refusal, created_at: item.created_at })
    await db.outbox.delete(item.seq)
  })
  return refreshOutbox()
}

// Sends by itself: when the signal returns, and every 30 s while anything
// waits. Items a closed page was sending go back to waiting (same key).
let started = false
export function startOutbox() {
  let reset = Promise.resolve()
  if (!started) {
    started = true
    reset = db.outbox.where('state').equals('sending').modify({ state: 'waiting' }).catch(() => {})
    window.addEventListener('online', () => {
      session.offline = false
      syncOutbox().catch(() => {})
    })
    window.addEventListener('offline', () => { session.offline = true })
    setInterval(() => { if (outbox.waiting && navigator.onLine) syncOutbox().catch(() => {}) }, 30000)
  }
  reset.then(refreshOutbox).then(() => { if (outbox.waiting && navigator.onLine) syncOutbox().catch(() => {}) })
}
