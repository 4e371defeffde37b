// Field work without signal (issue 24), on a phone viewport: the worker
// downloads its tasks, loses the network, reloads (the app opens from the
// service worker), records three visits with photos and an appraisal, closes
// and reopens the page (the outbox is still there), and gets the signal
// back: everything arrives exactly once, a write whose answer was lost is not
// doubled, and a task the town cancelled meanwhile shows as a refusal with
// the server's reason and the worker's choices.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { PNG, apiGet, apiSend, logIn, shot, useAnju } from './harness.mjs'

const world = useAnju()
const PHONE = { width: 390, height: 844 }

// Four open tasks of village 200 without a graded assessment, given to worker200.
async function tasksForTheDay() {
  const town = await logIn(world.browser, world.server, 'town')
  const open = (await apiGet(town, '/field-tasks?region=500229108200&status=open&page_size=200')).body.items
  const assigned = await apiSend(town, 'POST', '/field-tasks/assign',
    { tasks: open.map((t) => ({ id: t.id, version: t.version })), assignee: 'worker200' })
  assert.equal(assigned.status, 200, JSON.stringify(assigned.body))
  const picked = []
  for (const t of open) {
    const d = (await apiGet(town, `/field-tasks/${t.id}`)).body
    if (d.judgment && !d.judgment.grade) picked.push(d.task.id)
    if (picked.length === 4) break
  }
  assert.equal(picked.length, 4, 'four tasks whose household has no graded assessment')
  return { town, picked }
}

async function openTask(page, id) {
  await page.locator(`[data-test="task-${id}"]`).click()
  await page.waitForURL(new RegExp(`/field/${id}$`))
  await page.locator('[data-test=visit-form]').waitFor()
}

async function visitOffline(page, id, notes, photo) {
  await openTask(page, id)
  await page.getByText('没有评估记录，需要鉴定').click()
  await page.fill('[data-test=visit-form] textarea', notes)
  await page.click('[data-test=save-visit]')
  await page.locator('[data-test=task-status]', { hasText: '待上传' }).waitFor()
  await page.setInputFiles('[data-test=photo-input]', photo)
  await page.locator('[data-test=pending-photo]').first().waitFor()
}

// 「待上传 N 条」 as the page shows it; `settled`: 0 when nothing is shown now
// (otherwise wait for the count to appear).
// A camera-sized photo (2000 × 1500, noise: it does not compress), made in
// the page: the phone makes it 1600 px wide and sends it in parts.
async function cameraPhoto(page) {
  const b64 = await page.evaluate(async () => {
    const c = document.createElement('canvas')
    c.width = 2000
    c.height = 1500
    const ctx = c.getContext('2d')
    const img = ctx.createImageData(c.width, c.height)
    for (let i = 0; i < img.data.length; ++i) img.data[i] = i % 4 === 3 ? 255 : Math.floor(Math.random() * 256)
    ctx.putImageData(img, 0, 0)
    const blob = await new Promise((ok) => c.toBlob(ok, 'image/jpeg', 0.9))
    let text = ''
    for (const x of new Uint8Array(await blob.arrayBuffer())) text += String.fromCharCode(x)
    return btoa(text)
  })
  return { name: 'camera.jpg', mimeType: 'image/jpeg', buffer: Buffer.from(b64, 'base64') }
}

async function outboxCount(page, settled = false) {
  if (settled && !(await page.locator('[data-test=outbox-waiting]').count())) return 0
  const text = await page.locator('[data-test=outbox-waiting]').textContent()
  return Number(/待上传 (\d+) 条/.exec(text)[1])
}

test('a day of visits without signal arrives exactly once', async () => {
  const { town, picked } = await tasksForTheDay()
  const [t1, t2, t3, t4] = picked
  const photo = join(world.server.dir, 'house.png')
  writeFileSync(photo, PNG)

  const page = await logIn(world.browser, world.server, 'worker200', PHONE)
  assert.match(page.url(), /\/field$/, 'a field worker lands on its own tasks')
  const camera = await cameraPhoto(page)
  const context = page.context()
  // Installable: a manifest with the Chinese name and icons, and a service worker.
  const manifest = await page.evaluate(async () => {
    const res = await fetch(document.querySelector('link[rel=manifest]').href)
    return { type: res.headers.get('content-type'), body: await res.json() }
  })
  assert.equal(manifest.type, 'application/manifest+json')
  assert.equal(manifest.body.short_name, '安居')
  assert.ok(manifest.body.icons.some((i) => i.sizes === '512x512'))
  await page.evaluate(async () => { await navigator.serviceWorker.ready })
  await page.click('[data-test=download]')
  await page.locator('[data-test=copy-age]').waitFor()
  assert.match(await page.locator('[data-test=copy-age]').textContent(), /手机上有 \d+ 个任务，刚刚下载/)

  // No signal: a reload opens the app from the phone.
  await context.setOffline(true)
  await page.reload()
  await page.locator('[data-test=from-copy]').waitFor()
  await page.locator('[data-test=offline]').waitFor()
  await shot(page, 'offline-list')

  await visitOffline(page, t1, '外墙新增裂缝', photo)
  // The appraisal of the same task, made after its visit, offline: the
  // computed grade is shown before saving.
  const form = page.locator('[data-test=appraisal-form]')
  await form.locator('[data-test=part-walls]').getByText('c', { exact: true }).click()
  assert.match(await form.locator('[data-test=computed-grade]').textContent(), /C级/)
  await page.click('[data-test=save-appraisal]')
  await page.locator('[data-test=task-status]', { hasText: '已完成（待上传）' }).waitFor()
  await shot(page, 'offline-task')
  for (const [id, notes, file] of [[t2, '屋面漏雨', photo], [t3, '无人在家，邻居指认', camera], [t4, '已搬迁', photo]]) {
    await page.goto(`${world.server.url}/field`)
    await visitOffline(page, id, notes, file)
  }
  await page.goto(`${world.server.url}/field`)
  assert.equal(await outboxCount(page), 9, '4 visits, 4 photos, 1 appraisal')

  // The page closed, the phone restarted: the outbox is still there.
  await page.close()
  const again = await context.newPage()
  again.on('pageerror', (e) => { again.__errors = [...(again.__errors || []), e] })
  await again.goto(`${world.server.url}/field`)
  await again.locator('[data-test=outbox-waiting]').waitFor()
  assert.equal(await outboxCount(again), 9)
  await shot(again, 'offline-outbox')

  // Meanwhile the town cancels the fourth task.
  const t4now = (await apiGet(town, `/field-tasks/${t4}`)).body.task
  assert.equal((await apiSend(town, 'POST', `/field-tasks/${t4}/cancel`, { version: t4now.version, reason: '农户已整户迁出' })).status, 200)

  // The server takes the visit of the second task, but its answer is lost.
  let lost = 0
  await again.route(`**/api/v1/field-tasks/${t2}/visits`, async (route) => {
    if (lost++ === 0) {
      await route.fetch()
      await route.abort('connectionreset')
    } else {
      await route.continue()
    }
  })

  // The answer to the second part of the camera photo is lost too.
  let parts = 0
  await again.route('**/api/v1/uploads/**', async (route) => {
    if (route.request().method() === 'PATCH' && ++parts === 2) {
      await route.fetch()
      await route.abort('connectionreset')
    } else {
      await route.continue()
    }
  })

  await context.setOffline(false)
  // Sending starts by itself and stops at the lost answer; the button sends
  // the rest. The photo of the cancelled task waits behind its refused visit.
  for (let i = 0; i < 60; ++i) {
    if ((await again.locator('[data-test=outbox-refused]').count()) && (await outboxCount(again, true)) <= 1) break
    await again.waitForTimeout(700)
    if (await again.locator('[data-test=outbox-send]').isEnabled()) await again.click('[data-test=outbox-send]')
  }
  assert.equal(await outboxCount(again, true), 0, 'nothing left to send')
  assert.ok(lost >= 2, 'the lost write was sent again')
  // Both writes of the cancelled task are refused at once, with the town's reason.
  const reasons = await again.locator(`[data-test=outbox-item-${t4}] [data-test=outbox-reason]`).allTextContents()
  assert.equal(reasons.length, 2)
  for (const reason of reasons) assert.match(reason, /镇里已取消这个任务：农户已整户迁出/)
  assert.equal(await again.locator(`[data-test=outbox-item-${t4}] [data-test=outbox-resend]`).count(), 0)
  await shot(again, 'offline-refused')

  // Exactly once, as the server has it.
  for (const id of [t1, t2, t3]) {
    const d = (await apiGet(town, `/field-tasks/${id}`)).body
    assert.equal(d.visits.length, 1, `task ${id}: one visit`)
    assert.equal(d.attachments.length, 1, `task ${id}: one photo`)
  }
  const big = (await apiGet(town, `/field-tasks/${t3}`)).body.attachments[0]
  assert.equal(big.mime, 'image/jpeg')
  assert.ok(big.bytes > 256 * 1024 && big.bytes < camera.buffer.length, `the photo was made smaller and sent in parts: ${big.bytes} bytes`)
  assert.ok(parts >= 3, `parts sent: ${parts}`)
  const first = (await apiGet(town, `/field-tasks/${t1}`)).body
  assert.equal(first.appraisals.length, 1)
  assert.equal(first.task.status, 'closed')
  assert.equal(first.appraisals[0].grade, 'C')
  assert.equal((await apiGet(town, `/field-tasks/${t2}`)).body.visits[0].notes, '屋面漏雨')
  assert.equal((await apiGet(town, `/field-tasks/${t4}`)).body.visits.length, 0, 'the cancelled task took nothing')

  // The worker keeps both as notes: nothing is dropped.
  await again.locator(`[data-test=outbox-item-${t4}] [data-test=outbox-note]`).first().click()
  await again.getByText('已保留为备注 1 条', { exact: false }).waitFor()
  await again.locator(`[data-test=outbox-item-${t4}] [data-test=outbox-note]`).first().click()
  await again.getByText('已保留为备注 2 条', { exact: false }).waitFor()
  assert.equal(await again.locator('[data-test=outbox-waiting]').count(), 0, 'nothing left to send')
  assert.equal((await apiGet(town, `/field-tasks/${t4}`)).body.attachments.length, 0)
  assert.deepEqual(again.__errors || [], [])
  await context.close()
  await town.context().close()
})

// Hours without signal outlast the session: the first send gets 401. The
// worker stays on the page, the outbox says to log in again, and after the
// login what waited is sent, once.
test('a session that ended while away: log in again, then everything is sent', async () => {
  const admin = await logIn(world.browser, world.server, 'admin')
  const page = await logIn(world.browser, world.server, 'worker200', PHONE)
  const context = page.context()
  // An open task of village 200, given to worker200 unless it has it already.
  const open = (await apiGet(admin, '/field-tasks?region=500229108200&status=open&page_size=200')).body.items
    .filter((t) => !t.assignee || t.assignee === 'worker200')
  assert.ok(open.length > 0)
  const id = open[open.length - 1].id
  if (open[open.length - 1].assignee !== 'worker200') {
    const t = open[open.length - 1]
    assert.equal((await apiSend(admin, 'POST', '/field-tasks/assign',
      { tasks: [{ id: t.id, version: t.version }], assignee: 'worker200' })).status, 200)
  }
  await page.goto(`${world.server.url}/field/${id}`)
  await page.locator('[data-test=visit-form]').waitFor()
  await context.setOffline(true)
  await page.getByText('没有评估记录，需要鉴定').click()
  await page.fill('[data-test=visit-form] textarea', '会话过期后上传')
  await page.click('[data-test=save-visit]')
  await page.locator('[data-test=task-status]', { hasText: '待上传' }).waitFor()

  // Meanwhile the worker's sessions end (the account paused and resumed).
  for (const disabled of [true, false])
    assert.equal((await apiSend(admin, 'PUT', '/users/worker200', { disabled })).status, 200)
  await context.setOffline(false)
  await page.locator('[data-test=outbox-login]').waitFor()
  assert.match(page.url(), new RegExp(`/field/${id}$`), 'still on the task page')
  assert.match(await page.locator('[data-test=outbox-problem]').textContent(), /登录已失效/)
  assert.equal((await apiGet(admin, `/field-tasks/${id}`)).body.visits.length, 0)

  await page.click('[data-test=outbox-login]')
  await page.waitForURL(/\/login/)
  await page.fill('input[name=username]', 'worker200')
  await page.fill('input[name=password]', world.server.logins.worker200)
  await page.click('[data-test=login-submit]')
  await page.waitForURL(new RegExp(`/field/${id}$`))
  for (let i = 0; i < 60 && (await apiGet(admin, `/field-tasks/${id}`)).body.visits.length === 0; ++i)
    await page.waitForTimeout(500)
  const visits = (await apiGet(admin, `/field-tasks/${id}`)).body.visits
  assert.equal(visits.length, 1)
  assert.equal(visits[0].notes, '会话过期后上传')
  await context.close()
  await admin.context().close()
})

test('the phone view: the parcel map has a height and the menu fills the screen', async () => {
  const page = await logIn(world.browser, world.server, 'town', PHONE)
  const household = (await apiGet(page, '/households?page_size=1')).body.items[0].household_id
  await page.goto(`${world.server.url}/households/${household}/pick`)
  const map = page.locator('.leaflet-container').first()
  await map.waitFor()
  const box = await map.boundingBox()
  assert.ok(box && box.height > 200, `the map is ${box && box.height} px high`)
  await page.click('[aria-label=菜单]')
  const drawer = page.locator('.el-drawer').first()
  await drawer.waitFor()
  const d = await drawer.boundingBox()
  assert.ok(d.width >= PHONE.width - 1, `the menu is ${d.width} px wide`)
  await shot(page, 'phone-menu')
  await page.context().close()
})
