// Browser tests of what a hostile file must not do (issue 21): markup in an
// imported building's owner name is shown as text on the 选择图斑 map, never
// run, and every page carries a Content-Security-Policy that forbids inline
// script, so that the next such slip stays inert. And two-step sign-in as a
// user meets it: set up with an authenticator, asked for at login, turned
// off by the administrator.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createHmac } from 'node:crypto'
import { apiGet, logIn, shot, useAnju } from './harness.mjs'

const world = useAnju()
const MARKUP = '<img src=x onerror=__xss=1>'  // within the 30 characters a name may have

// Uploads `text` as a buildings file through the page's session and waits for the job.
async function importBuildings(page, text) {
  return page.evaluate(async (body) => {
    const session = await (await fetch('/api/v1/session')).json()
    const res = await fetch('/api/v1/imports?kind=buildings&file_name=hostile.geojson', {
      method: 'POST', headers: { 'Content-Type': 'application/octet-stream', 'X-CSRF-Token': session.csrf_token }, body,
    })
    let { job } = await res.json()
    while (job.status !== 'succeeded' && job.status !== 'failed') {
      await new Promise((r) => setTimeout(r, 200))
      job = (await (await fetch(`/api/v1/jobs/${job.id}`)).json()).job
    }
    return job
  }, text)
}

test('markup in a building owner name is text in the map tooltip, and never runs', async () => {
  const town = await logIn(world.browser, world.server, 'town')
  const h = (await apiGet(town, '/households?match_outcome=ambiguous&region=500229108200&page_size=100')).body.items
    .find((x) => x.lon !== null && x.lon !== undefined)
  assert.ok(h && h.lon, 'an ambiguous household with a dwelling point')
  const d = 0.00004
  const ring = [[h.lon + d, h.lat + d], [h.lon + 3 * d, h.lat + d], [h.lon + 3 * d, h.lat + 3 * d], [h.lon + d, h.lat + 3 * d], [h.lon + d, h.lat + d]]
  const geojson = JSON.stringify({ type: 'FeatureCollection', features: [{
    type: 'Feature', geometry: { type: 'Polygon', coordinates: [ring] },
    properties: { 图斑编号: 'XSS0001', 区划代码: '500229108200', 户主姓名: MARKUP, 建筑层数: 1, 结构类型: '砖混' },
  }] })
  const job = await importBuildings(town, geojson)
  assert.equal(job.status, 'succeeded', JSON.stringify(job))
  assert.equal(job.result.inserted, 1, JSON.stringify(job.result))

  const index = await town.request.get(`${world.server.url}/`)
  const csp = index.headers()['content-security-policy'] || ''
  assert.match(csp, /script-src 'self'/, 'the page forbids inline script')
  assert.doesNotMatch(csp, /script-src[^;]*unsafe-inline/)
  assert.equal(index.headers()['x-frame-options'], 'DENY')

  const clerk = await logIn(world.browser, world.server, 'clerk200')
  await clerk.goto(`${world.server.url}/households/${h.household_id}/pick`)
  const polygon = clerk.locator('path.parcel-XSS0001')
  await polygon.waitFor()
  await polygon.dispatchEvent('mouseover')
  const tip = clerk.locator('.leaflet-tooltip', { hasText: 'XSS0001' })
  await tip.waitFor()
  const text = await tip.textContent()
  assert.ok(text.includes('房主：<img src=x'), `the name is shown as written: ${text}`)
  assert.equal(await tip.locator('img').count(), 0, 'no element was made from the name')
  await clerk.waitForTimeout(300)
  assert.equal(await clerk.evaluate(() => window.__xss), undefined, 'nothing ran')
  await shot(clerk, 'xss-tooltip-as-text')
  assert.deepEqual(clerk.__errors || [], [])
  await clerk.context().close()
  await town.context().close()
})

// What an authenticator app shows for `secret` (base32) at `seconds` (RFC 6238).
function authenticatorCode(secret, seconds) {
  let bits = ''
  for (const c of secret) bits += 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'.indexOf(c).toString(2).padStart(5, '0')
  const key = Buffer.from(bits.match(/.{8}/g).map((b) => parseInt(b, 2)))
  const counter = Buffer.alloc(8)
  counter.writeBigUInt64BE(BigInt(Math.floor(seconds / 30)))
  const mac = createHmac('sha1', key).update(counter).digest()
  const at = mac[19] & 0xf
  return String((mac.readUInt32BE(at) & 0x7fffffff) % 1000000).padStart(6, '0')
}

test('a county reviewer turns on two-step sign-in, needs the code at login, and the administrator turns it off', async () => {
  const page = await logIn(world.browser, world.server, 'county')
  await page.goto(`${world.server.url}/two-step`)
  await page.fill('[data-test=two-step-password]', world.server.logins.county)
  await page.click('[data-test=two-step-begin]')
  await page.locator('[data-test=two-step-qr]').waitFor()
  await shot(page, 'two-step-qr')
  const secret = (await page.locator('[data-test=two-step-secret]').textContent()).trim()
  assert.match(secret, /^[A-Z2-7]{32}$/)
  const now = Date.now() / 1000
  await page.fill('[data-test=two-step-code]', authenticatorCode(secret, now))
  await page.click('[data-test=two-step-confirm]')
  await page.locator('[data-test=two-step-on]').waitFor()
  await shot(page, 'two-step-on')
  assert.equal((await apiGet(page, '/session')).body.user.two_step, true)
  assert.deepEqual(page.__errors || [], [])
  await page.context().close()

  // A new login: the password alone is not enough; the next code is.
  const context = await world.browser.newContext({ locale: 'zh-CN' })
  const login = await context.newPage()
  await login.goto(`${world.server.url}/login`)
  await login.fill('input[name=username]', 'county')
  await login.fill('input[name=password]', world.server.logins.county)
  await login.click('[data-test=login-submit]')
  await login.locator('[data-test=login-code]').waitFor()
  assert.match(await login.locator('[data-test=login-error]').textContent(), /动态码/)
  await login.fill('[data-test=login-code]', authenticatorCode(secret, now + 30))
  await login.click('[data-test=login-submit]')
  await login.waitForURL(/\/dashboard/)
  await context.close()

  const admin = await logIn(world.browser, world.server, 'admin')
  await admin.goto(`${world.server.url}/users`)
  const row = admin.locator('[data-test=users] .el-table__row', { hasText: 'county' }).first()
  await row.locator('[data-test=two-step-tag]').waitFor()
  await row.locator('[data-test=two-step-off]').click()
  await admin.locator('.el-message-box .el-button--primary').click()
  await row.locator('[data-test=two-step-tag]').waitFor({ state: 'detached' })
  const county = (await apiGet(admin, '/users')).body.items.find((u) => u.name === 'county')
  assert.equal(county.two_step, false)
  assert.deepEqual(admin.__errors || [], [])
  await admin.context().close()
})
