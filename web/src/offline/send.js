// How one outbox item goes to the server (docs/api.md): a visit or an
// appraisal as JSON, a photo as its bytes (a large one in parts, going on
// from what the server has after a break), always under the item's own
// Idempotency-Key, with a time-out, and a 401 left to the outbox to tell.
import { api, setCsrfToken } from '../api/client.js'

// A file larger than this goes in parts of this size.
export const PART_BYTES = 256 * 1024
const PATHS = { visit: 'visits', appraisal: 'appraisals', photo: 'attachments' }

// Sends the file in parts under the item's key (PATCH /uploads/{key}), from
// where the server is; a part whose answer was lost is not kept twice (the
// server refuses a part that does not start where it is, 409).
async function sendParts(item) {
  const size = item.blob.size
  let { received } = await api.outbox('GET', `/uploads/${item.key}`)
  while (received < size) {
    try {
      ({ received } = await api.outbox('PATCH', `/uploads/${item.key}`,
        { body: item.blob.slice(received, received + PART_BYTES), query: { offset: received } }))
    } catch (e) {
      if (e.status !== 409) throw e
      ;({ received } = await api.outbox('GET', `/uploads/${item.key}`))
    }
  }
}

async function sendOnce(item, version) {
  const path = `/field-tasks/${item.task_id}/${PATHS[item.kind]}`
  const headers = { 'Idempotency-Key': item.key }
  if (item.kind !== 'photo') return api.outbox('POST', path, { body: { ...item.body, version }, headers })
  if (item.blob.size <= PART_BYTES) return api.outbox('POST', path, { body: item.blob, query: item.query, headers, timeout: 120000 })
  await sendParts(item)
  return api.outbox('POST', path, { body: new Blob([]), query: { ...item.query, upload: item.key, bytes: item.blob.size }, headers })
}

// Sends one item; the answer or an ApiError. A stale CSRF token (the
// session was renewed meanwhile) is fetched again and the item sent once more.
export async function sendItem(item, version) {
  try {
    return await sendOnce(item, version)
  } catch (e) {
    if (e.status !== 403 || e.code !== 'csrf') throw e
    setCsrfToken((await api.outbox('GET', '/session')).csrf_token)
    return sendOnce(item, version)
  }
}

// Network gone or slow, server down or busy, session over: not the
// server's word on the write itself. The item waits, as it is.
export function transient(e) {
  return e.status === 0 || e.status === 401 || e.status === 429 || e.status >= 500 || e.code === 'csrf'
}

// The task as it is now on the server (after a write answered only with
// "replayed", or to send anyway).
export async function currentTask(taskId) {
  return (await api.outbox('GET', `/field-tasks/${taskId}`)).task
}
