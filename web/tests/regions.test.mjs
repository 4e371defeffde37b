// Browser tests of regions (issue 20): an administrator loads the national
// division table on 数据导入, and a village clerk raises a move on 变更申请 by
// finding the household by name and picking the new village from the
// division tree, never typing a 12-digit code.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { apiGet, logIn, shot, useAnju } from './harness.mjs'

const world = useAnju()

test('an administrator loads part of the national division table on 数据导入', async () => {
  const admin = await logIn(world.browser, world.server, 'admin')
  await admin.goto(`${world.server.url}/imports`)
  await admin.locator('[data-test=kind] label', { hasText: '区划' }).click()
  // The demo holds 城口县 from the same table: loading 高燕镇's part changes nothing.
  await admin.fill('input[data-test=builtin-prefix]', '500229108')
  await admin.click('[data-test=builtin-start]')
  const summary = admin.locator('[data-test=summary]')
  await summary.waitFor({ timeout: 60000 })
  const text = await summary.textContent()
  assert.match(text, /共 18 行：新增 0，更新 0，未变 18/, text)
  assert.match(await admin.locator('[data-test=notes]').textContent(), /国家统计局2023年统计用区划代码（500229108及其上级）/)
  await shot(admin, 'imports-builtin-regions')

  // Someone other than an administrator does not get the choice at all.
  const town = await logIn(world.browser, world.server, 'town')
  await town.goto(`${world.server.url}/imports`)
  await town.locator('[data-test=kind] label', { hasText: '农户花名册' }).waitFor()
  assert.equal(await town.locator('[data-test=kind] label', { hasText: /^区划$/ }).count(), 0)
  assert.deepEqual(admin.__errors || [], [])
  await town.context().close()
  await admin.context().close()
})

test('a clerk raises a move, finding the household by name and the village in the division tree', async () => {
  const clerk = await logIn(world.browser, world.server, 'clerk200')
  const mine = (await apiGet(clerk, '/households?page_size=1&status=normal')).body.items[0]
  await clerk.goto(`${world.server.url}/changes`)
  await clerk.click('[data-test=new-change]')
  const dialog = clerk.locator('.el-dialog', { hasText: '提出变更申请' })
  await dialog.waitFor()

  // The household by its head's name.
  await dialog.locator('.el-form-item', { hasText: '农户' }).locator('input').first().fill(mine.head_name)
  const option = clerk.locator('.el-select-dropdown__item', { hasText: mine.household_id })
  await option.first().waitFor()
  await option.first().click()

  await dialog.locator('label', { hasText: '迁出' }).click()
  await dialog.locator('.el-form-item', { hasText: '迁入村' }).locator('.el-cascader').click()
  // One level at a time, by name: 重庆市 → 县 → 城口县 → 高燕镇 → 青山村.
  for (const name of ['重庆市', '县', '城口县', '高燕镇', '青山村村民委员会']) {
    const node = clerk.locator('.el-cascader-node', { hasText: new RegExp(`^${name}$`) }).last()
    await node.waitFor()
    await node.click()
  }
  await dialog.locator('.el-form-item', { hasText: '迁入地址' }).locator('input').fill('高燕镇青山村2组8号')
  await dialog.locator('textarea').fill('随子女迁居')
  await shot(clerk, 'change-move-dialog')
  const posted = clerk.waitForResponse((r) => r.url().endsWith('/api/v1/change-requests') && r.request().method() === 'POST')
  await clerk.click('[data-test=raise]')
  assert.equal((await posted).status(), 201)

  const changes = (await apiGet(clerk, '/change-requests?page_size=200')).body.items
  const move = changes.find((c) => c.kind === 'relocation' && c.household_id === mine.household_id)
  assert.ok(move, JSON.stringify(changes))
  assert.equal(move.details.region_code, '500229108204', 'the village picked in the tree')
  await clerk.locator('[data-test=changes] .el-table__row', { hasText: '青山村村民委员会' }).first().waitFor()
  assert.deepEqual(clerk.__errors || [], [])
  await clerk.context().close()
})
