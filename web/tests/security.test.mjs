// Browser tests of what a hostile file must not do (issue 21): markup in an
// imported building's owner name is shown as text on the 选择图斑 map, never
// run, and every page carries a Content-Security-Policy that forbids inline
// script, so that the next such slip stays inert.
import { test } from 'node:test'
import assert from 'node:assert/strict'
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
