// Browser test of paper (issue 25): the town prints the ledger (a landscape
// PDF), a household's file, and 「打印本村档案」 for one village as a job;
// each PDF is read back with poppler, and the first page of the village's
// files is kept as a PNG beside the screenshots for a person to look at.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { copyFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { apiGet, artifacts, logIn, shot, useAnju } from './harness.mjs'

const world = useAnju()

// Clicks the button and keeps the PDF it downloads under `name`.
async function printed(page, button, name) {
  const download = page.waitForEvent('download', { timeout: 60000 })
  await page.click(button)
  const file = await download
  assert.match(file.suggestedFilename(), /\.pdf$/)
  const path = join(artifacts, name)
  copyFileSync(await file.path(), path)
  return { path, text: execFileSync('pdftotext', ['-layout', path, '-']).toString(), title: file.suggestedFilename() }
}

function pages(path) {
  return Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [path]).toString())[1])
}

test('the town prints its ledger, a household file and one village\'s files', async () => {
  const town = await logIn(world.browser, world.server, 'town')
  await town.goto(`${world.server.url}/ledger`)
  await town.locator('[data-test=ledger] .el-table__row').first().waitFor()
  const ledger = await printed(town, '[data-test=print-ledger]', 'ledger.pdf')
  assert.match(ledger.title, /^危房台账_/)
  assert.ok(ledger.text.includes('户主姓名') && ledger.text.includes('农村低收入群体等重点对象危房台账'))
  assert.match(execFileSync('pdfinfo', [ledger.path]).toString(), /841\.89 x 595\.276/, 'landscape A4')

  const list = (await apiGet(town, '/households?region=500229108205&page_size=1')).body
  const household = list.items[0]
  await town.goto(`${world.server.url}/households/${household.household_id}`)
  await town.locator('[data-test=basic]').waitFor()
  const file = await printed(town, '[data-test=print-household]', 'household.pdf')
  assert.ok(file.text.includes(household.head_name), 'the head is named')
  assert.ok(file.text.includes('村级填报人'), 'with its signature lines')

  await town.goto(`${world.server.url}/households?region=500229108205`)
  await town.locator('.el-table__row').first().waitFor()
  await shot(town, 'print-village-files')
  const village = await printed(town, '[data-test=print-files]', 'village-files.pdf')
  assert.ok(pages(village.path) >= list.total, `one page or more for each of ${list.total} households`)
  execFileSync('pdftoppm', ['-r', '60', '-png', '-singlefile', village.path, join(artifacts, 'village-files-page1')])
  assert.ok(statSync(join(artifacts, 'village-files-page1.png')).size > 10000, 'the first page renders')
  assert.deepEqual(town.__errors || [], [])
  await town.context().close()

  // The audit page says what was printed, in words.
  const admin = await logIn(world.browser, world.server, 'admin')
  await admin.goto(`${world.server.url}/audit`)
  const row = admin.locator('.el-table__row', { hasText: '打印本村（镇）农户档案' }).first()
  await row.waitFor()
  assert.ok((await row.innerText()).includes('页数：'), 'the detail in words')
  await shot(admin, 'audit-prints')
  await admin.context().close()
})
