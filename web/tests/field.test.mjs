// Browser tests of field verification (issue 7): a field worker on a phone
// completes a visit with a photo and an appraisal graded C, and the
// household's judgment changes on its detail page; the county draws the same
// sample twice with the same seed.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { PNG, apiGet, apiSend, logIn, shot, useAnju } from './harness.mjs'

const world = useAnju()


test('a field worker on a phone completes a visit with an appraisal and the judgment changes', async () => {
  // The town office gives the village's open tasks to the worker.
  const town = await logIn(world.browser, world.server, 'town')
  const open = (await apiGet(town, '/field-tasks?region=500229108200&status=open&page_size=200')).body.items
  assert.ok(open.length > 0)
  const assigned = await apiSend(town, 'POST', '/field-tasks/assign',
    { tasks: open.map((t) => ({ id: t.id, version: t.version })), assignee: 'worker200' })
  assert.equal(assigned.status, 200, JSON.stringify(assigned.body))
  let task = null
  for (const t of open) {
    const d = (await apiGet(town, `/field-tasks/${t.id}`)).body
    // No graded assessment, but a matched building: the appraisal settles it.
    if (d.judgment && !d.judgment.grade && d.parcel_id) { task = d; break }
  }
  assert.ok(task, 'a task whose household lives in a matched building without a graded assessment')
  await town.context().close()

  const page = await logIn(world.browser, world.server, 'worker200', { width: 390, height: 844 })
  await page.goto(`${world.server.url}/field`)
  const card = page.locator(`[data-test="task-${task.task.id}"]`)
  await card.waitFor()
  await shot(page, 'field-phone-list')
  await card.click()
  await page.waitForURL(new RegExp(`/field/${task.task.id}$`))

  // The visit: no earlier assessment, position typed in (no GPS in the test browser).
  await page.locator('[data-test=visit-form]').waitFor()
  await page.fill('input[data-test=lon]', '108.61')
  await page.fill('input[data-test=lat]', '31.81')
  await page.getByText('没有评估记录，需要鉴定').click()
  await page.click('[data-test=save-visit]')
  await page.locator('[data-test=task-status]', { hasText: '已核实待鉴定' }).waitFor()

  // A photo from the "camera".
  const photo = join(world.server.dir, 'east.png')
  writeFileSync(photo, PNG)
  await page.setInputFiles('[data-test=photo-input]', photo)
  await page.locator('[data-test=photos] img').first().waitFor()

  // The appraisal: load-bearing walls with local danger → C.
  const form = page.locator('[data-test=appraisal-form]')
  await form.locator('[data-test=part-foundation]').getByText('a', { exact: true }).click()
  await form.locator('[data-test=part-walls]').getByText('c', { exact: true }).click()
  await form.locator('[data-test=part-roof]').getByText('b', { exact: true }).click()
  await shot(page, 'field-phone-appraisal')
  const widths = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth])
  assert.ok(widths[0] <= widths[1], `no horizontal scrolling: ${widths}`)
  await page.click('[data-test=save-appraisal]')
  await page.locator('[data-test=task-status]', { hasText: '已完成' }).waitFor()
  await page.locator('[data-test=appraisal-grade]', { hasText: 'C级' }).waitFor()
  await shot(page, 'field-phone-done')

  // The household's detail page shows the new judgment at once.
  await page.goto(`${world.server.url}/households/${task.household.household_id}`)
  const judgment = page.locator('[data-test=judgment]')
  await judgment.waitFor()
  assert.match(await judgment.textContent(), /危房/)
  assert.match(await page.locator('[data-test=best-evidence]').textContent(), /C/)
  await shot(page, 'field-phone-household')
  assert.deepEqual(page.__errors || [], [])
  await page.context().close()
})

test('the county draws the same sample twice with the same seed', async () => {
  const page = await logIn(world.browser, world.server, 'county')
  await page.goto(`${world.server.url}/samples`)
  await page.fill('[data-test=seed] input', '2026')
  await page.fill('[data-test=count] input', '6')
  const drawOnce = async () => {
    const answered = page.waitForResponse((r) => r.url().endsWith('/api/v1/samples'))
    await page.click('[data-test=dry-run]')
    await answered
    await page.waitForTimeout(200)
    return page.locator('[data-test=sample-result] .el-table__body .num-link').allTextContents()
  }
  const first = await drawOnce()
  const second = await drawOnce()
  assert.equal(first.length, 6)
  assert.deepEqual(second, first)
  await shot(page, 'samples')
  await page.context().close()
})
