// Browser tests of the console (issue 6): a real `anju serve` on a fresh demo
// town, driven through Debian's headless Chromium. Every test checks what the
// page shows against what the API answers for the same session.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { apiGet, artifacts, logIn, shot, useAnju } from './harness.mjs'

const world = useAnju()

const ROLES = {
  admin: { scope: '全国', menu: ['工作台', '农户清单', '四类信息', '危房台账', '变更申请', '外业核实', '县级抽查', '数据导入', '对应与初判', '工作设置', '用户管理', '审计日志'] },
  city: { scope: '重庆市 / 县', menu: ['工作台', '农户清单', '四类信息', '危房台账', '变更申请', '外业核实', '工作设置'] },
  county: { scope: '重庆市 / 城口县', menu: ['工作台', '农户清单', '四类信息', '危房台账', '变更申请', '外业核实', '县级抽查', '工作设置'] },
  town: { scope: '高燕镇', menu: ['工作台', '农户清单', '四类信息', '危房台账', '变更申请', '外业核实', '数据导入', '对应与初判', '工作设置'] },
  leader: { scope: '高燕镇', menu: ['工作台', '农户清单', '四类信息', '危房台账', '变更申请', '外业核实'] },
  clerk200: { scope: '来凤村村民委员会', menu: ['工作台', '农户清单', '四类信息', '危房台账', '变更申请', '外业核实'], village: '500229108200' },
  clerk204: { scope: '青山村村民委员会', menu: ['工作台', '农户清单', '四类信息', '危房台账', '变更申请', '外业核实'], village: '500229108204' },
  worker200: { scope: '来凤村村民委员会', menu: ['工作台', '农户清单', '四类信息', '危房台账', '变更申请', '外业核实'], village: '500229108200' },
}

async function listTotal(page) {
  const text = await page.locator('.page-title .muted').first().textContent()
  return Number(/共 (\d+) 户/.exec(text)[1])
}

test('each role logs in and sees only its region', async () => {
  const admin = await logIn(world.browser, world.server, 'admin')
  for (const [name, want] of Object.entries(ROLES)) {
    const page = name === 'admin' ? admin : await logIn(world.browser, world.server, name)
    await page.waitForSelector('.scope')
    await assert.doesNotReject(page.locator('.header .scope', { hasText: want.scope }).waitFor(), name)
    const menu = await page.locator('.nav .el-menu-item').allTextContents()
    assert.deepEqual(menu.map((m) => m.trim()), want.menu, `${name}'s menu`)

    await page.goto(`${world.server.url}/households`)
    await page.waitForSelector('[data-test=households] .el-table__row')
    const mine = await apiGet(page, '/households?page_size=1')
    assert.equal(await listTotal(page), mine.body.total, `${name}: the list's total is the API's`)
    const scope = (await apiGet(page, '/session')).body.user.region_code
    const expected = scope === '000000000000' ? (await apiGet(admin, '/households?page_size=1')).body.total
      : (await apiGet(admin, `/households?page_size=1&region=${scope}`)).body.total
    assert.equal(mine.body.total, expected, `${name}: its region's households, as the admin counts them`)
    if (want.village) {
      const villages = await page.locator('[data-test=households] .el-table__row td:nth-child(5)').allTextContents()
      assert.ok(villages.length > 0)
      for (const v of villages) assert.equal(v.trim(), want.scope, `${name} sees only ${want.scope}`)
      // Another village's household does not exist for it, by any URL.
      const other = want.village === '500229108200' ? '500229108204' : '500229108200'
      const foreign = (await apiGet(admin, `/households?page_size=1&region=${other}`)).body.items[0].household_id
      await page.goto(`${world.server.url}/households/${foreign}`)
      await page.locator('.el-result', { hasText: '不在您的管辖范围内' }).waitFor()
    }
    await shot(page, `role-${name}-households`)
    if (name !== 'admin') await page.context().close()
  }
  assert.deepEqual(admin.__errors || [], [])
  await admin.context().close()
})

test('a wrong password is refused in Chinese and a locked account says so', async () => {
  const context = await world.browser.newContext({ viewport: { width: 1366, height: 768 } })
  const page = await context.newPage()
  await page.goto(`${world.server.url}/login`)
  let last = ''
  for (let i = 0; i < 8; i++) {
    await page.fill('input[name=username]', 'leader')
    await page.fill('input[name=password]', `wrong-password-${i}`)
    const answered = page.waitForResponse((r) => r.url().endsWith('/api/v1/session') && r.request().method() === 'POST')
    await page.click('[data-test=login-submit]')
    const status = (await answered).status()
    assert.ok(status === 401 || status === 429, String(status))
    await page.waitForTimeout(100)
    last = await page.locator('[data-test=login-error]').textContent()
    if (/锁定/.test(last)) break
  }
  assert.match(last, /锁定/, 'repeated failures lock the account, and the page says so')
  assert.doesNotMatch(last, /[{}"]/, 'no raw JSON')
  await shot(page, 'login-locked')
  await context.close()
})

test('importing a roster with errors shows the error rows', async () => {
  const page = await logIn(world.browser, world.server, 'town')
  const lines = readFileSync(join(world.server.dir, 'data', 'households.csv'), 'utf8').replace(/^\uFEFF/, '').trim().split('\n')
  const good = lines[1]
  const badId = lines[2].split(',')
  badId[2] = '500229199501160000' // wrong check digit
  const badCategory = lines[3].split(',')
  badCategory[7] = '贫困户'
  const file = join(world.server.dir, '花名册_有错误.csv')
  writeFileSync(file, [lines[0], good, badId.join(','), badCategory.join(',')].join('\n') + '\n')

  await page.goto(`${world.server.url}/imports`)
  await page.setInputFiles('[data-test=upload] input[type=file]', file)
  await page.click('[data-test=start]')
  const errors = page.locator('[data-test=errors] .el-table__body tr')
  await errors.first().waitFor({ timeout: 30000 })
  const rows = await errors.evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent.trim())))
  assert.equal(rows.length, 2, JSON.stringify(rows))
  assert.equal(rows[0][0], '3')
  assert.match(rows[0][1], /身份证/)
  assert.equal(rows[0][2], '500229199501160000')
  assert.equal(rows[1][0], '4')
  assert.match(rows[1][1], /户类型/)
  assert.match(await page.locator('[data-test=summary]').textContent(), /2 行有错/)
  await shot(page, 'imports-errors')
  const download = page.waitForEvent('download')
  await page.click('[data-test=errors-xlsx]')
  const d = await download
  assert.match(d.suggestedFilename(), /导入错误.*\.xlsx$/)
  const bytes = readFileSync(await d.path())
  assert.equal(bytes.subarray(0, 2).toString(), 'PK')
  assert.match(await page.locator('[data-test=errors-hint]').textContent(), /改正后，直接上传该文件/)
  // The workbook uploaded as it is: the same two rows, the same problems,
  // and the columns it added skipped.
  const again = join(world.server.dir, '花名册_错误清单.xlsx')
  writeFileSync(again, bytes)
  await page.setInputFiles('[data-test=upload] input[type=file]', again)
  await page.click('[data-test=start]')
  await page.locator('[data-test=notes]', { hasText: '原行号、导入问题' }).waitFor({ timeout: 30000 })
  const second = await errors.evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent.trim())))
  assert.deepEqual(second.map((r) => [r[1], r[2], r[3]]), rows.map((r) => [r[1], r[2], r[3]]))
  assert.deepEqual(second.map((r) => r[0]), ['2', '3'])
  await page.context().close()
})

test('picking a polygon on the map matches the household and the detail page shows it', async () => {
  const page = await logIn(world.browser, world.server, 'clerk200')
  const found = await apiGet(page, '/households?match_outcome=ambiguous&page_size=1')
  assert.ok(found.body.total > 0, 'the demo has ambiguous households in 来凤村')
  const id = found.body.items[0].household_id
  const before = (await apiGet(page, `/households/${id}`)).body
  const parcel = before.match.candidates[1]

  // A second clerk's page opened before the choice: its version goes stale.
  const stale = await logIn(world.browser, world.server, 'clerk200')
  await stale.goto(`${world.server.url}/households/${id}/pick`)
  await stale.waitForSelector(`[data-test="cand-${parcel}"]`)

  await page.goto(`${world.server.url}/households/${id}/pick`)
  const polygon = page.locator(`path.parcel-${parcel}`)
  await polygon.waitFor()
  await shot(page, 'pick-before')
  // Candidates may overlap (the dwelling lies in several): click this one's own path.
  await polygon.dispatchEvent('click')
  await page.locator('[data-test=selected]', { hasText: parcel }).waitFor()
  await page.click('[data-test=confirm]')
  await page.locator('.el-message-box').getByRole('button', { name: '确认' }).click()
  await page.waitForURL(new RegExp(`/households/${id}$`))
  await page.locator('[data-test=manual]', { hasText: parcel }).waitFor()
  assert.match(await page.locator('[data-test=match]').textContent(), /人工选择/)
  assert.match(await page.locator('[data-test=building]').textContent(), new RegExp(parcel))
  await shot(page, 'pick-after-detail')
  const after = (await apiGet(page, `/households/${id}`)).body
  assert.equal(after.match.parcel_id, parcel)
  assert.equal(after.match.outcome, 'manual')
  const audit = await apiGet(await logIn(world.browser, world.server, 'admin'), `/audit?object_id=${id}&action=match.manual_set`)
  assert.equal(audit.body.total, 1, 'the choice is in the audit log')

  // The stale page is told someone else changed the record and may reload.
  await stale.click(`[data-test="cand-${before.match.candidates[0]}"]`)
  await stale.click('[data-test=confirm]')
  await stale.locator('.el-message-box').getByRole('button', { name: '确认' }).click()
  const box = stale.locator('.el-message-box', { hasText: '已被他人修改' })
  await box.waitFor()
  await stale.waitForTimeout(500) // the dialog's fade-in, for the screenshot
  await shot(stale, 'pick-conflict')
  await box.getByRole('button', { name: '重新加载' }).click()
  await stale.locator('[data-test=clear]').waitFor()
  assert.equal((await apiGet(stale, `/households/${id}`)).body.match.parcel_id, parcel, 'the first choice stands')
  await stale.context().close()
  await page.context().close()
})

test("the dashboard's numbers equal the API's", async () => {
  const page = await logIn(world.browser, world.server, 'town')
  const byResult = (await apiGet(page, '/stats?by=result')).body
  await page.waitForSelector(`[data-test="total-${byResult.rows[0].code}"]`)
  for (const row of byResult.rows) {
    assert.equal(Number(await page.locator(`[data-test="total-${row.code}"]`).textContent()), row.total, row.name)
    for (const key of ['safe', 'verify', 'unsafe', 'excluded', 'safe_other_housing']) {
      const shown = Number(await page.locator(`[data-test="cell-${row.code}-${key}"]`).textContent())
      assert.equal(shown, row.counts[key] || 0, `${row.name} ${key}`)
    }
  }
  assert.equal(Number(await page.locator('[data-test=tile-households] .tile-n').textContent()), byResult.households)
  assert.equal(Number(await page.locator('[data-test=tile-verify] .tile-n').textContent()), byResult.totals.verify || 0)
  await shot(page, 'dashboard')

  const byReason = (await apiGet(page, '/stats?by=reason')).body
  await page.getByText('初判原因', { exact: true }).click()
  const row = byReason.rows[1]
  await page.waitForSelector(`[data-test="cell-${row.code}-aging"]`)
  for (const key of Object.keys(row.counts))
    assert.equal(Number(await page.locator(`[data-test="cell-${row.code}-${key}"]`).textContent()), row.counts[key], key)

  // A number drills down to the list it counts.
  await page.getByText('初判结论', { exact: true }).last().click()
  const cell = byResult.rows[0]
  await page.click(`[data-test="cell-${cell.code}-verify"]`)
  await page.waitForURL(/\/households\?/)
  await page.waitForSelector('[data-test=households] .el-table__row')
  const listed = await page.locator('.page-title .muted').first().textContent()
  assert.equal(Number(/共 (\d+) 户/.exec(listed)[1]), cell.counts.verify)

  // The list exports what it shows.
  const download = page.waitForEvent('download')
  await page.click('[data-test=export]')
  const d = await download
  assert.match(d.suggestedFilename(), /农户清单.*\.xlsx$/)
  await page.context().close()
})

test('a phone-sized viewport renders the household detail without horizontal scrolling', async () => {
  const page = await logIn(world.browser, world.server, 'worker200', { width: 390, height: 844 })
  const found = await apiGet(page, '/households?match_outcome=by_parcel&page_size=1')
  const id = found.body.items[0].household_id
  await page.goto(`${world.server.url}/households/${id}`)
  await page.waitForSelector('[data-test=building]')
  await page.waitForSelector('[data-test=map] .leaflet-interactive')
  const widths = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth,
    main: document.querySelector('.main').scrollWidth, mainClient: document.querySelector('.main').clientWidth,
  }))
  assert.ok(widths.scroll <= widths.client, JSON.stringify(widths))
  assert.ok(widths.main <= widths.mainClient, JSON.stringify(widths))
  await shot(page, 'phone-detail')
  await page.goto(`${world.server.url}/households`)
  await page.waitForSelector('[data-test=households] .el-table__row')
  await shot(page, 'phone-households')
  await page.context().close()
})

test('every page renders for the admin (screenshots)', async () => {
  const page = await logIn(world.browser, world.server, 'admin')
  const pages = ['/dashboard', '/households', '/imports', '/jobs', '/users', '/audit', '/password']
  for (const p of pages) {
    await page.goto(`${world.server.url}${p}`)
    await page.waitForLoadState('networkidle')
    await shot(page, `admin${p.replace(/\//g, '-')}`)
  }
  await page.goto(`${world.server.url}/users`)
  await page.waitForSelector('[data-test=users] .el-table__row')
  assert.ok(await page.locator('[data-test=users] .el-table__row').count() >= 8)
  assert.deepEqual(page.__errors || [], [])
  console.log(`screenshots in ${artifacts}`)
  await page.context().close()
})

test('a town office runs 初判 over its own town and the job says so', async () => {
  const page = await logIn(world.browser, world.server, 'town')
  await page.goto(`${world.server.url}/jobs`)
  await page.locator('.el-select[data-test=run-region]').waitFor()
  const before = new Set((await apiGet(page, '/jobs')).body.items.map((j) => j.id))
  await page.click('[data-test=run-judge]')
  // The new job's own row (an earlier job of this office may be listed first
  // until the page refreshes), once the page shows it finished.
  let job
  for (let i = 0; i < 600 && !(job && job.status === 'succeeded'); ++i) {
    if (i) await page.waitForTimeout(200)
    job = (await apiGet(page, '/jobs')).body.items.find((j) => !before.has(j.id))
  }
  assert.equal(job?.status, 'succeeded')
  const row = page.locator('[data-test=jobs] .el-table__row', { has: page.locator(`[data-test=result-${job.id}]`) })
  await row.locator('.el-tag', { hasText: '已完成' }).waitFor({ timeout: 30000 })
  assert.equal(job.kind, 'judge')
  assert.equal(job.region, '500229108000', 'the town office’s own town by default')
  const town = (await apiGet(page, '/households?page_size=1')).body.total
  assert.equal(job.result.households, town, 'its households, not the database’s')
  assert.match(await row.textContent(), /高燕镇/)
  assert.match(await page.locator(`[data-test=result-${job.id}]`).textContent(), new RegExp(`共 ${town} 户`))
  await shot(page, 'jobs-town-judge')
  assert.deepEqual(page.__errors || [], [])
  await page.context().close()
})

test('a town office sets its own campaign, the town is judged again, and it can go back to the county’s', async () => {
  const page = await logIn(world.browser, world.server, 'town')
  await page.goto(`${world.server.url}/campaign`)
  await page.locator('[data-test=campaign-own]', { hasText: '沿用全国的设置' }).waitFor()
  await page.fill('[data-test=campaign-name]', '高燕镇住房安全回头看')
  await page.click('[data-test=campaign-save]')
  const done = page.locator('[data-test=campaign-result]')
  await done.waitFor()
  const town = (await apiGet(page, '/households?page_size=1')).body.total
  assert.match(await done.textContent(), new RegExp(`重新初判 ${town} 户`), 'the town’s households, judged again at once')
  await page.locator('[data-test=campaign-own]', { hasText: '本级自行设置' }).waitFor()
  const mine = (await apiGet(page, '/campaign')).body
  assert.equal(mine.own, true)
  assert.equal(mine.campaign.name, '高燕镇住房安全回头看')
  assert.equal(mine.campaign.region_code, '500229108000')
  await shot(page, 'campaign-town-own')

  // The county sees it among those set inside its county.
  const county = await logIn(world.browser, world.server, 'county')
  await county.goto(`${world.server.url}/campaign`)
  await county.locator('[data-test=campaign-inside] .el-table__row', { hasText: '高燕镇住房安全回头看' }).waitFor()
  await county.context().close()

  await page.click('[data-test=campaign-inherit]')
  await page.locator('.el-message-box__btns .el-button--primary').click()
  await page.locator('[data-test=campaign-own]', { hasText: '沿用全国的设置' }).waitFor()
  assert.equal((await apiGet(page, '/campaign')).body.own, false)
  assert.deepEqual(page.__errors || [], [])
  await page.context().close()
})

test('a village clerk’s dashboard charts its own village, and no path shows the 县 placeholder as a step', async () => {
  const clerk = await logIn(world.browser, world.server, 'clerk200')
  await clerk.goto(`${world.server.url}/dashboard`)
  await clerk.locator('[data-test=tile-households]').waitFor()
  await clerk.locator('.card canvas').first().waitFor()
  assert.equal(await clerk.locator('[data-test=result-chart-empty]').count(), 0, 'the village’s own bar, not a blank chart')
  await shot(clerk, 'dashboard-clerk')
  assert.deepEqual(clerk.__errors || [], [])
  await clerk.context().close()

  const county = await logIn(world.browser, world.server, 'county')
  await county.goto(`${world.server.url}/dashboard`)
  await county.locator('.crumbs .el-breadcrumb__item').first().waitFor()
  const steps = (await county.locator('.crumbs .el-breadcrumb__item').allTextContents()).map((s) => s.replace('/', '').trim())
  assert.ok(!steps.includes('县') && steps.includes('城口县'), steps.join(' / '))
  assert.equal((await county.locator('.header .scope').textContent()).trim(), '重庆市 / 城口县')
  await county.context().close()
})

test('a field worker lands on its tasks; a page the role may not use says why instead of vanishing', async () => {
  const worker = await logIn(world.browser, world.server, 'worker200')
  assert.match(worker.url(), /\/field$/, 'the worker’s first screen is its task list')
  await worker.context().close()

  // (The leader's account is locked by the wrong-password test above.)
  const clerk = await logIn(world.browser, world.server, 'clerk204')
  assert.match(clerk.url(), /\/dashboard$/)
  await clerk.goto(`${world.server.url}/imports`)
  const why = clerk.locator('.el-message', { hasText: '数据导入' })
  await why.waitFor()
  assert.match(await why.textContent(), /“导入数据”的权限，您的角色（村资料员）没有/)
  await clerk.waitForURL(/\/dashboard$/)
  assert.deepEqual(clerk.__errors || [], [])
  await clerk.context().close()
})

test('待办 on the first screen: each item counts what its list holds and opens it', async () => {
  const county = await logIn(world.browser, world.server, 'county')
  const todo = (await apiGet(county, '/todo')).body.items
  const review = todo.find((t) => t.kind === 'records_to_review')
  assert.equal(review.state, 'town_approved')
  const item = county.locator('[data-test=todo-records_to_review-town_approved]')
  await item.waitFor()
  assert.match(await item.textContent(), new RegExp(`待我审核的四类信息\\s*${review.count}`))
  const renovation = county.locator('[data-test=todo-renovations_to_act-completed]')
  assert.match(await renovation.textContent(), /已竣工待验收/)
  await shot(county, 'dashboard-todo-county')
  await item.click()
  await county.waitForURL(/\/records\?state=town_approved/)
  assert.deepEqual(county.__errors || [], [])
  await county.context().close()
})

test('待办 counts the town office\'s imports with rows to correct and opens them on the import page', async () => {
  const page = await logIn(world.browser, world.server, 'town')
  const todo = (await apiGet(page, '/todo')).body.items
  const imports = todo.find((t) => t.kind === 'imports_with_errors')
  assert.ok(imports && imports.count > 0, 'the roster import with errors above waits: ' + JSON.stringify(todo))
  const item = page.locator('[data-test=todo-imports_with_errors-pending]')
  assert.match(await item.textContent(), new RegExp(`近7天导入有误的文件\\s*${imports.count}`))
  await item.click()
  await page.waitForURL(/\/imports\?errors=pending/)
  const rows = page.locator('[data-test=recent-table] .el-table__body tr')
  await rows.first().waitFor()
  assert.equal(await rows.count(), imports.count)
  assert.match(await rows.first().textContent(), /行有误/)
  assert.ok(await page.locator('[data-test=only-errors] input').isChecked())
  await shot(page, 'imports-pending')
  assert.deepEqual(page.__errors || [], [])
  await page.context().close()
})
