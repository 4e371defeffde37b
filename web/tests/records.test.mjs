// Browser test of the four-part record's review (issue 8): a clerk fills and
// submits, the town approves, the county returns it with a comment, and the
// clerk sees the comment.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { apiGet, logIn, shot, useAnju } from './harness.mjs'

const world = useAnju()

test('a clerk submits, the town approves, the county returns, the clerk sees why', async () => {
  const clerk = await logIn(world.browser, world.server, 'clerk200')
  // A household of 来凤村 living elsewhere safely: only the basic part is required.
  const list = (await apiGet(clerk, '/households?housing=relatives&page_size=1')).body
  const id = list.items.length ? list.items[0].household_id
    : (await apiGet(clerk, '/households?category=lifted&page_size=1')).body.items[0].household_id
  await clerk.goto(`${world.server.url}/households/${id}`)
  await clerk.click('[data-test=record]')
  await clerk.waitForURL(new RegExp(`/records/${id}$`))
  await clerk.locator('[data-test=record-state]', { hasText: '未开始' }).waitFor()
  await clerk.fill('[data-test=field-phone] input', '13900001111')
  await clerk.click('[data-test=save]')
  await clerk.locator('[data-test=record-state]', { hasText: '填报中' }).waitFor()
  const missing = await clerk.locator('[data-test=missing]').count()
  if (missing) {
    // An own-rural household needs more than the test can type: pick the
    // housing case that needs only the basic part.
    await clerk.locator('[data-test=field-housing] .el-select').click()
    await clerk.locator('.el-select-dropdown__item', { hasText: '投亲靠友' }).click()
    await clerk.click('[data-test=save]')
  }
  await clerk.click('[data-test=submit]')
  await clerk.locator('[data-test=record-state]', { hasText: '已提交待镇审核' }).waitFor()
  await shot(clerk, 'record-submitted')

  const town = await logIn(world.browser, world.server, 'town')
  await town.goto(`${world.server.url}/records/${id}`)
  await town.click('[data-test=approve]')
  // 审核意见 with the approval, kept in the history.
  await town.locator('.el-message-box input').fill('信息齐全，同意')
  await town.locator('.el-message-box').getByRole('button', { name: '审核通过' }).click()
  await town.locator('[data-test=record-state]', { hasText: '镇已审核' }).waitFor()
  await town.locator('[data-test=history]', { hasText: '信息齐全，同意' }).waitFor()
  await town.context().close()

  const county = await logIn(world.browser, world.server, 'county')
  await county.goto(`${world.server.url}/records?state=town_approved`)
  // A bulk approval first says what it will do and to how many; cancelled, nothing changes.
  await county.locator('.el-table__row', { hasText: id }).locator('.el-checkbox').click()
  await county.click('[data-test=bulk-approve]')
  const confirm = county.locator('.el-message-box')
  await confirm.waitFor()
  assert.match(await confirm.textContent(), /将对 1 户审核通过/)
  await confirm.getByRole('button', { name: '取消' }).click()
  await county.goto(`${world.server.url}/records/${id}`)
  await county.locator('[data-test=record-state]', { hasText: '镇已审核' }).waitFor()
  await county.click('[data-test=return]')
  await county.locator('.el-message-box input').fill('联系电话与花名册不一致，请核实')
  await county.locator('.el-message-box').getByRole('button', { name: '确定' }).click()
  await county.locator('[data-test=record-state]', { hasText: '填报中' }).waitFor()
  await county.context().close()

  // The clerk's list of records returned to it holds this one.
  const returned = (await apiGet(clerk, '/records?state=returned&page_size=200')).body
  assert.ok(returned.items.some((x) => x.household_id === id), 'listed under 被退回待修改')
  assert.ok(returned.items.every((x) => x.state === 'draft'))
  await clerk.reload()
  const comment = clerk.locator('[data-test=return-comment]')
  await comment.waitFor()
  assert.match(await comment.textContent(), /联系电话与花名册不一致/)
  assert.match(await clerk.locator('[data-test=history]').textContent(), /退回/)
  await shot(clerk, 'record-returned')
  assert.deepEqual(clerk.__errors || [], [])
  await clerk.context().close()
})

test('a clerk types the missing building facts into the four-part record and sees the judgment change there', async () => {
  const clerk = await logIn(world.browser, world.server, 'clerk200')
  const found = (await apiGet(clerk, '/households?reason=missing_info&page_size=1')).body.items
  assert.ok(found.length, 'the demo village has a household judged 重要信息缺失')
  const id = found[0].household_id
  await clerk.goto(`${world.server.url}/records/${id}`)
  const judgment = clerk.locator('[data-test=record-judgment]')
  await judgment.waitFor()
  assert.match(await judgment.textContent(), /重要信息缺失/)
  const empty = async (key) => (await clerk.locator(`[data-test=field-${key}] input`).first().inputValue()) === ''
  if (await empty('floors')) await clerk.fill('[data-test=field-floors] input', '2')
  if (await empty('built')) await clerk.fill('[data-test=field-built] input', '2005')
  if (await empty('structure')) {
    await clerk.locator('[data-test=field-structure] .el-select').click()
    await clerk.locator('.el-select-dropdown__item:visible').first().click()
  }
  await clerk.click('[data-test=save]')
  await clerk.locator('.el-message', { hasText: '已保存' }).waitFor()
  await clerk.locator('[data-test=record-judgment]', { hasNotText: '重要信息缺失' }).waitFor()
  const stored = (await apiGet(clerk, `/households/${id}`)).body
  const reasons = JSON.stringify(stored)
  assert.doesNotMatch(reasons, /"missing_info"/, 'the stored judgment changed with the page')
  await shot(clerk, 'record-building-facts')
  assert.deepEqual(clerk.__errors || [], [])
  await clerk.context().close()
})

test('a house the census lacks, typed into the record, becomes the household’s building and its pages still work', async () => {
  const clerk = await logIn(world.browser, world.server, 'clerk200')
  const found = (await apiGet(clerk, '/households?match_outcome=unmatched&page_size=1')).body.items
  assert.ok(found.length, 'the demo village has a household no building was found for')
  const id = found[0].household_id
  await clerk.goto(`${world.server.url}/records/${id}`)
  await clerk.locator('[data-test=record-judgment]').waitFor()
  assert.match(await clerk.locator('[data-test=record-judgment]').textContent(), /未对应房屋/)
  await clerk.fill('[data-test=field-floors] input', '1')
  await clerk.fill('[data-test=field-built] input', '1998')
  await clerk.locator('[data-test=field-structure] .el-select').click()
  await clerk.locator('.el-select-dropdown__item:visible').first().click()
  await clerk.click('[data-test=save]')
  await clerk.locator('[data-test=record-judgment]', { hasNotText: '未对应房屋' }).waitFor()
  const detail = (await apiGet(clerk, `/households/${id}`)).body
  assert.equal(detail.match.parcel_id, `SG${id}`)
  // The household's page and its 选择图斑 map, with a building that has no polygon.
  await clerk.goto(`${world.server.url}/households/${id}`)
  await clerk.locator('[data-test=building]', { hasText: `SG${id}` }).waitFor()
  await clerk.goto(`${world.server.url}/households/${id}/pick`)
  await clerk.locator(`[data-test="cand-SG${id}"]`).waitFor()
  assert.doesNotMatch(await clerk.locator('[data-test=pick-hint]').textContent(), /也没有候选房屋/,
    'the hint does not deny the house listed beside it')
  await shot(clerk, 'household-own-house')
  assert.deepEqual(clerk.__errors || [], [])
  await clerk.context().close()
})
