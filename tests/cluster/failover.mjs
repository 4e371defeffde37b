// A write load through the load balancer of a running cluster
// (scripts/cluster up --demo) while its primary database is killed, then
// one of its app servers: nothing acknowledged may be missing afterwards.
//
//   node tests/cluster/failover.mjs      (ANJU_CLUSTER_DIR / _PORT as for scripts/cluster)
//
// Three kinds of write run side by side, each client on its own object:
//   - the town office's visits (one to each open task), each with its
//     Idempotency-Key, sent again with the same key until acknowledged:
//     every acknowledged visit is there exactly once;
//   - a village clerk's record edits (version-checked): acknowledged ≤ stored
//     ≤ acknowledged + unconfirmed;
//   - the town's manual choices (选择图斑), likewise counted in the audit log.
// A write that gets no 2xx must get a retriable answer: 503 (or the
// balancer's 502/504) with a Chinese message, or 409 when an unconfirmed
// write did land and moved the version. Anything else fails the test. It
// prints a JSON summary (acknowledged writes, the outage in seconds) and
// exits 1 on any failure.
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const cluster = join(root, 'scripts', 'cluster')
const clusterDir = process.env.ANJU_CLUSTER_DIR || '/tmp/anju-cluster'
const env = Object.fromEntries(execFileSync(cluster, ['env'], { encoding: 'utf8' }).trim().split('\n')
  .map((line) => { const at = line.indexOf('='); return [line.slice(0, at), line.slice(at + 1).replace(/^'|'$/g, '')] }))
const base = env.ANJU_URL
const logins = Object.fromEntries(readFileSync(join(clusterDir, 'demo', 'logins.txt'), 'utf8').trim().split('\n')
  .map((line) => line.split(' ')))
const VILLAGE = '500229108200'  // 来凤村: the clerk's
// Between one writer's writes: five writers at ≈ 10 writes a second each,
// far more than a town's office and clerks make.
const PACE = 100
// The whole run's end: nothing waits past it (run.sh also stops node).
const deadline = Date.now() + 240000
const seconds = (ms) => Math.round(ms / 100) / 10
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))
const failures = []
const unavailable = {}  // 5xx answers seen, by status
const fail = (what) => { failures.push(what); console.error('FAIL', what) }

function sql(query) {
  return execFileSync('psql', ['-Atq', '-F', '\t', env.ANJU_DB, '-c', query], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
    .trim().split('\n').filter((l) => l !== '').map((l) => l.split('\t'))
}

// One user's session through the balancer; every answer is checked.
class Client {
  constructor(name) { this.name = name }

  async login() {
    for (;;) {
      const res = await fetch(`${base}/api/v1/session`, {
        method: 'POST', headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ username: this.name, password: logins[this.name] }),
      }).catch(() => null)
      if (Date.now() > deadline) throw new Error(`${this.name} could not log in`)
      if (res && res.ok) {
        this.cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ')
        this.csrf = (await res.json()).csrf_token
        return
      }
      await sleep(500)
    }
  }

  // The answer, or { status: 0 } when the connection itself failed.
  async send(method, path, body, headers = {}) {
    let res
    try {
      res = await fetch(`${base}${path}`, {
        method, body: body === undefined ? undefined : JSON.stringify(body),
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': this.csrf, Cookie: this.cookie, ...headers },
        signal: AbortSignal.timeout(20000),
      })
    } catch (e) {
      return { status: 0, body: null, error: String(e) }
    }
    const text = await res.text()
    let parsed = null
    try { parsed = text ? JSON.parse(text) : null } catch { /* checked below */ }
    const answer = { status: res.status, body: parsed }
    if (res.status >= 500) {
      unavailable[res.status] = (unavailable[res.status] || 0) + 1
      const message = parsed?.error?.message || ''
      if (![502, 503, 504].includes(res.status) || !/[\u4e00-\u9fff]/.test(message))
        fail(`${method} ${path}: ${res.status} without a retriable Chinese message: ${text.slice(0, 200)}`)
      else if (res.status === 503 && !res.headers.get('retry-after') && parsed?.error?.code !== 'unavailable')
        fail(`${method} ${path}: 503 without Retry-After`)
    }
    return answer
  }
}

// Counts of one writer: acknowledged, unconfirmed (no answer or 5xx), by time.
class Tally {
  constructor(kind, object) { Object.assign(this, { kind, object, acked: 0, unconfirmed: 0, conflicts: 0, okAt: [] }) }
  ok() { this.acked++; this.okAt.push(Date.now()) }
}

function unexpected(tally, res) {
  fail(`${tally.kind} ${tally.object}: unexpected ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`)
}

// One visit to each of `tasks` in turn (a task takes one visit), each with
// its Idempotency-Key, sent again with the same key until acknowledged.
async function visits(client, tasks, until, tally) {
  tally.done = []
  for (const { id, outcome } of tasks) {
    if (Date.now() >= until) break
    let version = null
    const key = `failover-${id}`
    for (;;) {
      if (version === null) {
        const got = await client.send('GET', `/api/v1/field-tasks/${id}`)
        if (got.status !== 200 && Date.now() > deadline) { fail(`task ${id}: never readable`); return }
        if (got.status !== 200) { await sleep(300); continue }
        version = got.body.task.version
      }
      const body = { version, visited_on: '2026-11-20', outcome, notes: key }
      const res = await client.send('POST', `/api/v1/field-tasks/${id}/visits`, body, { 'Idempotency-Key': key })
      if (res.status === 200) { tally.ok(); tally.done.push(id); break }
      if (res.status === 0 || res.status >= 500) {
        tally.unconfirmed++
        if (Date.now() > deadline) { fail(`visit of task ${id}: never acknowledged`); return }
        await sleep(300)
        continue
      }
      unexpected(tally, res)
      return
    }
    await sleep(3 * PACE)  // the town has ≈ 330 open tasks: enough for the whole load
  }
}

// One writer's version-checked writes to one object until `until`: read its
// version (`read`: the path, and what it gives), write (`write`: method,
// path, body), keep the version the answer gives (`written`). A 409 means an
// unconfirmed write landed: read again.
async function versionedWrites(client, until, tally, { read, version: versionOf, write, written }) {
  let version = null
  while (Date.now() < until) {
    if (version === null) {
      const got = await client.send('GET', read)
      if (got.status !== 200) { await sleep(300); continue }
      version = versionOf(got.body)
    }
    const [method, path, body] = write(version)
    const res = await client.send(method, path, body)
    if (res.status === 200) { tally.ok(); version = written(res.body); await sleep(PACE); continue }
    if (res.status === 409) { tally.conflicts++; version = null; continue }
    if (res.status === 0 || res.status >= 500) { tally.unconfirmed++; version = null; await sleep(300); continue }
    unexpected(tally, res)
    return
  }
}

// Record edits of one household: the number of members, each edit a change
// (an edit that changes nothing is not kept).
function recordEdits(client, household, until, tally) {
  let members = 1
  return versionedWrites(client, until, tally, {
    read: `/api/v1/records/${household}`,
    version: (body) => {
      const now = body.record.fields.find((f) => f.key === 'members')
      if (now && /^[1-9]$/.test(now.value)) members = Number(now.value)
      return body.record.version
    },
    write: (version) => {
      members = members % 9 + 1
      return ['PUT', `/api/v1/records/${household}`, { version, fields: { members: String(members) } }]
    },
    written: (body) => body.record.version,
  })
}

// The town's manual choice of one household, between two candidate parcels.
function manualChoices(client, household, parcels, until, tally) {
  let i = 0
  return versionedWrites(client, until, tally, {
    read: `/api/v1/households/${household}`,
    version: (body) => (body.manual_match ? body.manual_match.version : 0),
    write: (version) => ['PUT', `/api/v1/households/${household}/match`, { parcel_id: parcels[i++ % 2], version }],
    written: (body) => body.manual_match.version,
  })
}

function clusterCommand(...args) {
  return execFileSync(cluster, args, { encoding: 'utf8' }).trim()
}

async function main() {
  // Objects of the demo town, each client its own.
  const households = sql(`SELECT h.household_id FROM households h LEFT JOIN records r ON r.household_id = h.household_id
    WHERE h.region_code = '${VILLAGE}' AND (r.state IS NULL OR r.state IN ('not_started', 'draft'))
    ORDER BY h.household_id LIMIT 2`).map((r) => r[0])
  const town = new Client('town')
  await town.login()
  let chosen = null
  for (const [household] of sql(`SELECT household_id FROM matches WHERE outcome = 'ambiguous'
    AND household_id NOT IN (SELECT household_id FROM manual_matches) ORDER BY household_id LIMIT 20`)) {
    const c = await town.send('GET', `/api/v1/households/${household}/candidates`)
    const parcels = (c.body?.features || []).map((f) => f.properties).filter((p) => p.listed).map((p) => p.parcel_id)
    if (c.status === 200 && parcels.length >= 2) { chosen = { household, parcels: parcels.slice(0, 2) }; break }
  }
  // Open tasks of the town but those households' (their re-judging may
  // close them): `unchanged` confirms a graded house, `no_prior` asks for an appraisal.
  const busy = [...households, chosen?.household].map((h) => `'${h}'`).join(',')
  const tasks = sql(`SELECT t.id, CASE WHEN j.grade IS NULL THEN 'no_prior' ELSE 'unchanged' END
    FROM field_tasks t JOIN judgments j ON j.household_id = t.household_id
    WHERE t.status = 'open' AND t.household_id NOT IN (${busy}) ORDER BY t.id`).map(([id, outcome]) => ({ id, outcome }))
  if (tasks.length < 200 || households.length < 2 || !chosen) throw new Error('the demo town lacks the objects the load needs')

  const clerk = new Client('clerk200')
  await clerk.login()
  const half = Math.ceil(tasks.length / 2)
  const tallies = [
    new Tally('visits', 'first half'), new Tally('visits', 'second half'),
    new Tally('record edits', households[0]), new Tally('record edits', households[1]),
    new Tally('manual choices', chosen.household),
  ]
  // What was there before the load: only rows after these are counted.
  const [[historyBefore]] = sql('SELECT coalesce(max(id), 0) FROM record_history')
  const [[auditBefore]] = sql('SELECT coalesce(max(id), 0) FROM audit_log')
  const started = Date.now()
  const until = started + 45000
  const load = Promise.all([
    visits(town, tasks.slice(0, half), until, tallies[0]), visits(town, tasks.slice(half), until, tallies[1]),
    recordEdits(clerk, households[0], until, tallies[2]), recordEdits(clerk, households[1], until, tallies[3]),
    manualChoices(town, chosen.household, chosen.parcels, until, tallies[4]),
  ])

  await sleep(6000)
  const killedAt = Date.now()
  const killedNode = clusterCommand('kill-primary')
  let newPrimary = ''
  for (let i = 0; i < 120 && !newPrimary; i++) {
    await sleep(250)
    try { newPrimary = sql('SELECT inet_server_port()')[0][0] } catch { /* not yet */ }
  }
  const promotedAt = Date.now()
  if (!newPrimary || Number(newPrimary) === Number(env.ANJU_DB.match(/127\.0\.0\.1:(\d+)/)[1]) + Number(killedNode) - 1)
    fail(`no failover: the primary is ${newPrimary || 'nowhere'} after node ${killedNode} was killed`)
  await sleep(Math.max(0, killedAt + 22000 - Date.now()))
  const serverKilledAt = Date.now()
  clusterCommand('kill-server', '2')
  await load

  // Every writer went on after each fault.
  for (const t of tallies) {
    if (!t.okAt.some((at) => at > promotedAt)) fail(`${t.kind} ${t.object}: no write acknowledged after the failover`)
    if (!t.okAt.some((at) => at > serverKilledAt + 1000)) fail(`${t.kind} ${t.object}: none after app server 2 was killed`)
  }
  // Every acknowledged write is in the database.
  for (const t of tallies.filter((x) => x.kind === 'visits')) {
    const rows = t.done.length ? sql(`SELECT task_id, count(*) FROM visits WHERE task_id IN (${t.done.join(',')})
      GROUP BY task_id`) : []
    const once = rows.filter((r) => Number(r[1]) === 1).length
    if (once !== t.done.length || rows.length !== t.done.length)
      fail(`visits (${t.object}): ${t.done.length} acknowledged, ${once} stored once, ${JSON.stringify(rows.filter((r) => r[1] !== '1'))}`)
    t.stored = rows.reduce((n, r) => n + Number(r[1]), 0)
  }
  for (const t of tallies.filter((x) => x.kind === 'record edits')) {
    t.stored = Number(sql(`SELECT count(*) FROM record_history WHERE household_id = '${t.object}' AND action = 'edit'
      AND id > ${historyBefore}`)[0][0])
    if (t.stored < t.acked || t.stored > t.acked + t.unconfirmed) fail(`record edits of ${t.object}: acknowledged ${t.acked}, unconfirmed ${t.unconfirmed}, stored ${t.stored}`)
  }
  for (const t of tallies.filter((x) => x.kind === 'manual choices')) {
    t.stored = Number(sql(`SELECT count(*) FROM audit_log WHERE action = 'match.manual_set' AND object_id = '${t.object}'
      AND id > ${auditBefore}`)[0][0])
    if (t.stored < t.acked || t.stored > t.acked + t.unconfirmed) fail(`manual choices of ${t.object}: acknowledged ${t.acked}, unconfirmed ${t.unconfirmed}, stored ${t.stored}`)
  }
  // Writes the servers ran again after a lost race (their /metrics).
  let lostRaces = 0
  for (const server of env.ANJU_SERVERS.split(' ')) {
    const text = await fetch(`${server}/metrics`).then((r) => r.text()).catch(() => '')
    for (const m of text.matchAll(/^anju_http_lost_races_total\{[^}]*\} (\d+)$/gm)) lostRaces += Number(m[1])
  }
  // The counts the pages show (the villages' rows, and the rows above them
  // with their deltas added) are those of the households themselves.
  const admin = new Client('admin')
  await admin.login()
  const truth = {}
  for (const [village, result, n] of sql(`SELECT h.region_code, coalesce(j.result, 'none'), count(*) FROM households h
      LEFT JOIN judgments j ON j.household_id = h.household_id GROUP BY 1, 2`)) {
    for (const code of [village, village.slice(0, 9) + '000', village.slice(0, 6) + '000000']) {
      truth[code] = truth[code] || {}
      truth[code][result] = (truth[code][result] || 0) + Number(n)
    }
  }
  for (const region of ['500229000000', '500229108000']) {  // the towns of the county, the villages of the town
    const stats = await admin.send('GET', `/api/v1/stats?region=${region}&by=result`)
    for (const row of stats.body?.rows || []) {
      const shown = Object.fromEntries(Object.entries(row.counts).filter(([, n]) => n).map(([k, n]) => [k || 'none', n]))
      const want = truth[row.code] || {}
      if (JSON.stringify(Object.entries(shown).sort()) !== JSON.stringify(Object.entries(want).sort()))
        fail(`counts of ${row.code}: shown ${JSON.stringify(shown)}, households ${JSON.stringify(want)}`)
    }
    if (stats.status !== 200 || !stats.body.rows.length) fail(`stats of ${region}: ${stats.status}`)
  }
  // The counts above the villages: appended by each change, folded every
  // 64 (docs/decisions.md), so few are left however long the load ran.
  const [[deltasLeft]] = sql('SELECT count(*) FROM region_count_deltas WHERE region_code = \'000000000000\'')
  if (Number(deltasLeft) >= 128) fail(`${deltasLeft} count deltas of the country left unfolded`)
  // The outage was met, and answered as it should be (checked in send()).
  if (!unavailable[503]) fail('no request met the outage: no 503 answer at all')
  // The write outage: the longest time after the kill with no write acknowledged.
  const acks = tallies.flatMap((t) => t.okAt).sort((a, b) => a - b)
  let outage = 0
  for (let i = 1; i < acks.length; i++) if (acks[i] > killedAt) outage = Math.max(outage, acks[i] - Math.max(acks[i - 1], killedAt))
  console.log(JSON.stringify({
    killed_node: Number(killedNode), new_primary_port: Number(newPrimary),
    promotion_seconds: seconds(promotedAt - killedAt), write_outage_seconds: seconds(outage),
    writers: tallies.map(({ kind, object, acked, unconfirmed, conflicts, stored }) => ({ kind, object, acked, unconfirmed, conflicts, stored })),
    unavailable_answers: unavailable, lost_races_run_again: lostRaces, count_deltas_left: Number(deltasLeft), failures: failures.length,
  }, null, 1))
  process.exit(failures.length ? 1 : 0)
}

main().catch((e) => { console.error(e); process.exit(1) })
