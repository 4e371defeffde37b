// Browser test of the C/D ledger (issue 9): the town opens the ledger, sets
// the measure, drafts and submits an application and reviews it; the county
// approves; the town starts and completes it; the county accepts it and the
// household leaves the ledger; the ledger is exported and downloaded.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { PNG, apiGet, logIn, shot, useAnju } from './harness.mjs'

const world = useAnju()

async function takeStep(page, key, state, fill = async () => {}) {
  await page.click(`[data-test=step-${key}]`)
  await fill()
  await page.click('[data-test=step-confirm]')
  await page.locator('[data-test=renovation-state]', { hasText: state }).waitFor()
}

test('an application goes through every state and the household leaves the ledger', async () => {
  const town = await logIn(world.browser, world.server, 'town')
  await town.goto(`${world.server.url}/ledger`)
  const ledger = (await apiGet(town, '/ledger?page_size=200')).body
  assert.ok(ledger.total > 0, 'the demo town has C/D houses in the ledger')
  await town.locator('[data-test=ledger] .el-table__row').first().waitFor()
  const rows = await town.locator('[data-test=ledger] .el-table__row').count()
  assert.equal(rows, Math.min(ledger.total, 50))
  await shot(town, 'ledger-list')
  const id = ledger.items[0].household_id
  await town.click(`[data-test=ledger-${id}]`)
  await town.waitForURL(new RegExp(`/ledger/${id}$`))
  await town.locator('[data-test=ledger-state]', { hasText: '在账' }).waitFor()
  await town.fill('input[data-test=responsible]', '王镇长')
  await town.click('[data-test=save-entry]')
  await town.locator('.el-message', { hasText: '已保存' }).waitFor()

  await town.click('[data-test=new-renovation]')
  await town.locator('[data-test=r-area] input').fill('72')
  await town.locator('[data-test=r-central] input').fill('20000')
  await town.click('[data-test=r-save]')
  await town.locator('[data-test=renovation-state]', { hasText: '草稿' }).waitFor()
  await takeStep(town, 'submit', '已提交待镇审核')
  await takeStep(town, 'town_review', '镇已审核待县审批')
  await shot(town, 'renovation-town-reviewed')

  const county = await logIn(world.browser, world.server, 'county')
  await county.goto(`${world.server.url}/ledger/${id}`)
  await takeStep(county, 'approve', '县已审批待开工')

  await town.reload()
  await takeStep(town, 'start', '已开工')
  await takeStep(town, 'complete', '已竣工待验收')

  await county.reload()
  // The county asks for a photo of the house and the signed form first: the
  // page says so, and offers each in turn as the paper to upload.
  const missing = county.locator('[data-test=papers-missing]')
  assert.match(await missing.textContent(), /验收前还需上传：验收照片、验收单/)
  await shot(county, 'renovation-papers-missing')
  for (const [name, left] of [['新房.png', /验收单/], ['验收单.png', null]]) {
    const file = join(world.server.dir, name)
    writeFileSync(file, PNG)
    await county.setInputFiles('[data-test=renovation-file]', file)
    if (left) await county.locator('[data-test=papers-missing]', { hasText: '还需上传：验收单（' }).waitFor()
    else await missing.waitFor({ state: 'detached' })
  }
  await takeStep(county, 'accept', '已验收', async () => {
    await county.locator('[data-test=step-grade] .el-radio', { hasText: 'B级' }).click()
    await county.fill('textarea[data-test=step-comment]', '验收合格')
  })
  await county.locator('[data-test=ledger-state]', { hasText: '已销号' }).waitFor()
  assert.equal(await county.locator('[data-test=renovation-history] .el-timeline-item').count(), 7)
  const files = await county.locator('.files a').allTextContents()
  assert.deepEqual(files.sort(), ['验收单：验收单.png', '验收照片：新房.png'])
  await shot(county, 'renovation-accepted')
  const after = (await apiGet(county, `/ledger/${id}`)).body
  assert.equal(after.in_ledger, false)
  assert.equal(after.current.exit, 'graded_safe')
  await county.context().close()

  // The dashboard shows the ledger's progress against the deadline.
  await town.goto(`${world.server.url}/dashboard`)
  const stats = (await apiGet(town, '/statistics')).body
  await town.locator('[data-test=ledger-card]').waitFor()
  assert.equal(Number(await town.locator('[data-test=ledger-in]').textContent()), stats.total.in_ledger)
  assert.equal(Number(await town.locator('[data-test=ledger-late]').textContent()), stats.total.late)
  assert.equal(stats.total.renovation_states.accepted, 1)
  await shot(town, 'dashboard-ledger')
  // Its late count opens the list of what is late: the demo's campaign
  // ends next year, so on its first day nothing is.
  await town.click('[data-test=ledger-late]')
  await town.waitForURL(/\/ledger\?urgency=late$/)
  const late = (await apiGet(town, '/ledger?urgency=late&page_size=1')).body.total
  assert.equal(late, stats.total.late)
  if (late) await town.locator('[data-test=ledger] .el-table__row').first().waitFor()
  else await town.locator('[data-test=ledger] .el-table__empty-text').waitFor()
  assert.equal(await town.locator('[data-test=ledger] .el-table__row').count(), Math.min(late, 50))

  // The ledger, exported and downloaded.
  await town.goto(`${world.server.url}/ledger`)
  await town.click('[data-test=export]')
  const download = town.waitForEvent('download')
  await town.click('[data-test=export-ledger]')
  const file = await download
  assert.match(file.suggestedFilename(), /^危房台账_.*\.xlsx$/)
  const path = await file.path()
  assert.ok(statSync(path).size > 5000, 'a real workbook')
  await town.context().close()
})
