// Every page of the console, for each role that has it, at a laptop's
// 1366×768 and a phone's 390×844 (issue 28): it renders with no script or
// console error, the phone never scrolls sideways, and a screenshot of each
// is kept in the artifacts (<role>-<width>-<page>.png).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { apiGet, logIn, shot, useAnju } from './harness.mjs'

const world = useAnju()

const VIEWPORTS = [{ width: 1366, height: 768 }, { width: 390, height: 844 }]
// The pages each role's menu has (router.js), and the detail pages it opens.
const MENU = {
  admin: ['/dashboard', '/households', '/records', '/ledger', '/changes', '/field', '/samples', '/imports', '/jobs', '/campaign', '/users', '/audit', '/password', '/two-step'],
  county: ['/dashboard', '/households', '/records', '/ledger', '/changes', '/field', '/samples', '/campaign'],
  town: ['/dashboard', '/households', '/records', '/ledger', '/changes', '/field', '/imports', '/jobs', '/campaign'],
  clerk200: ['/dashboard', '/households', '/records', '/ledger', '/changes', '/field'],
  worker200: ['/field', '/dashboard', '/households'],
}

// The detail pages as the role reaches them from its lists.
async function detailPages(page, role) {
  const out = []
  const h = (await apiGet(page, '/households?match_outcome=by_parcel&page_size=1')).body.items[0]
  if (h) out.push(`/households/${h.household_id}`)
  if (h && ['admin', 'town', 'clerk200'].includes(role)) out.push(`/households/${h.household_id}/pick`)
  const r = (await apiGet(page, '/records?page_size=1')).body.items[0]
  if (r) out.push(`/records/${r.household_id}`)
  const l = (await apiGet(page, '/ledger?page_size=1')).body.items[0]
  if (l) out.push(`/ledger/${l.household_id}`)
  const t = (await apiGet(page, '/field-tasks?page_size=1')).body.items[0]
  if (t) out.push(`/field/${t.id}`)
  return out
}

// Waits until the page has drawn from its data: no request of its own in
// flight for a moment (pages that poll a running job or a map's tiles never
// go quiet for 'networkidle'), and no loading mask left.
function trackRequests(page) {
  page.__inflight = 0
  page.__failed = []
  page.on('response', (r) => { if (r.status() >= 400) page.__failed.push(`${r.status()} ${new URL(r.url()).pathname}`) })
  page.on('request', () => { page.__inflight++ })
  for (const done of ['requestfinished', 'requestfailed']) page.on(done, () => { page.__inflight-- })
}
async function settled(page) {
  await page.waitForLoadState('load')
  for (let quiet = 0, waited = 0; quiet < 3 && waited < 100; waited++) {
    await page.waitForTimeout(100)
    quiet = page.__inflight <= 0 ? quiet + 1 : 0
  }
  await page.waitForFunction(() => !document.querySelector('.el-loading-mask'), null, { timeout: 15000 }).catch(() => {})
}

for (const [role, menu] of Object.entries(MENU)) {
  for (const viewport of VIEWPORTS) {
    test(`${role} at ${viewport.width}×${viewport.height}: every page renders without an error or sideways scrolling`, async () => {
      const page = await logIn(world.browser, world.server, role, viewport)
      trackRequests(page)
      const pages = [...menu, ...(await detailPages(page, role))]
      const problems = []
      for (const path of pages) {
        page.__errors = []
        page.__console = []
        page.__failed = []
        await page.goto(`${world.server.url}${path}`)
        await settled(page)
        assert.equal(new URL(page.url()).pathname, path, `${role} stays on ${path}`)
        const wide = await page.evaluate(() => {
          const client = document.documentElement.clientWidth
          const scroll = document.documentElement.scrollWidth
          if (scroll <= client) return null
          // The outermost element that sticks out past the page (not one a
          // scrolling box of its own clips), to say what to mend.
          const clipped = (e) => {
            for (let a = e.parentElement; a && a !== document.body; a = a.parentElement)
              if (getComputedStyle(a).overflowX !== 'visible' && a.getBoundingClientRect().right <= client + 1) return true
            return false
          }
          const out = [...document.querySelectorAll('body *')].find((e) => e.getBoundingClientRect().right > client + 1 && !clipped(e))
          const name = out ? `${out.tagName.toLowerCase()}.${[...out.classList].join('.')}` : '?'
          return `${scroll}px wide in ${client}px (${name})`
        })
        if (wide) problems.push(`${path}: ${wide}`)
        // A map is drawn in a box of real size (a flexed box of height 0 shows nothing).
        for (const box of await page.locator('[data-test=map]').evaluateAll((maps) => maps.map((m) => m.getBoundingClientRect())))
          if (box.height < 150 || box.width < 150) problems.push(`${path}: a map of ${Math.round(box.width)}×${Math.round(box.height)}px`)
        for (const e of page.__errors) problems.push(`${path}: ${e.message}`)
        for (const f of page.__failed) problems.push(`${path}: ${f}`)
        // A failed request's console line is the request above.
        for (const c of page.__console.filter((c) => !c.startsWith('Failed to load resource'))) problems.push(`${path}: console: ${c}`)
        await shot(page, `${role}-${viewport.width}${path.replace(/\//g, '-')}`)
      }
      assert.deepEqual(problems, [])
      await page.context().close()
    })
  }
}
