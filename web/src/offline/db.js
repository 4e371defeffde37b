// What the phone keeps for field work without signal (issue 24), in
// IndexedDB through Dexie: the tasks downloaded with everything a visit
// needs, and the outbox of writes waiting to be sent. Nothing here holds a
// whole ID or phone number: the server sends them masked.
import Dexie from 'dexie'

export const db = new Dexie('anju-field')

db.version(1).stores({
  // id → {id, user, detail (GET /field-tasks/{id}), household (GET
  // /households/{id}), neighbours (GeoJSON features), saved_at}
  tasks: 'id, user',
  // seq (the order written) → {key (Idempotency-Key), user, task_id, kind
  // ('visit' | 'appraisal' | 'photo'), body | blob, query, base_version,
  // label, created_at, state ('waiting' | 'refused'), refusal {status,
  // message, may_resend}}
  outbox: '++seq, key, user, task_id, state',
  // Writes the worker chose to keep as notes rather than send.
  notes: '++id, user, task_id',
  // name → value: 'copy' {user, saved_at, count}, 'parts', 'codes', 'session'.
  meta: 'name',
})

export async function getMeta(name) {
  const row = await db.meta.get(name)
  return row ? row.value : null
}

export function putMeta(name, value) {
  return db.meta.put({ name, value })
}
