// Starts a real `anju serve` on a fresh demo town and a headless Chromium
// (Debian's) for the browser tests; screenshots go to build/browser/.
import { spawn, execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, mkdirSync, rmSync, openSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { after, before } from 'node:test'
import { chromium } from 'playwright-core'

const here = dirname(fileURLToPath(import.meta.url))
// A 1×1 PNG, as a phone camera's photo stands in.
export const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000' +
  '1f15c4890000000a49444154789c63000100000500010d0a2db40000000049454e44ae426082', 'hex')

export const repo = resolve(here, '..', '..')
export const anjuBin = process.env.ANJU_BIN || join(repo, 'build', 'anju')
export const artifacts = process.env.ANJU_ARTIFACTS || join(repo, 'build', 'browser')
const chromiumPath = process.env.CHROMIUM || '/usr/bin/chromium'

function freePort() {
  return new Promise((ok, fail) => {
    const s = createServer()
    s.once('error', fail)
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address()
      s.close(() => ok(port))
    })
  })
}

async function waitUp(url, child) {
  for (let i = 0; i < 200; i++) {
    if (child.exitCode !== null) throw new Error(`anju serve exited with ${child.exitCode}`)
    try {
      const res = await fetch(`${url}/api/v1/health`)
      if (res.ok) return
    } catch { /* not yet */ }
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error('anju serve did not answer within 20 s')
}

// A demo town in a temporary folder, served on a loopback port.
export async function startAnju() {
  mkdirSync(artifacts, { recursive: true })
  const dir = mkdtempSync(join(tmpdir(), 'anju-browser-'))
  execFileSync(anjuBin, ['demo', '--dir', dir, '--no-serve'], { stdio: 'pipe' })
  const logins = Object.fromEntries(readFileSync(join(dir, 'logins.txt'), 'utf8').trim().split('\n')
    .map((l) => l.trim().split(/\s+/)))
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  const child = spawn(anjuBin, ['--db', join(dir, 'demo.db'), 'serve', '--port', String(port), '--bind', '127.0.0.1',
    '--web', join(repo, 'web', 'dist')], { stdio: ['ignore', 'ignore', openSync(join(artifacts, 'serve.log'), 'a')] })
  await waitUp(url, child)
  return {
    url, dir, logins,
    stop() {
      child.kill('SIGTERM')
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

export async function launchBrowser() {
  mkdirSync(artifacts, { recursive: true })
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-proxy-server', '--lang=zh-CN'],
  })
}

// A new page, logged in as `name`, on the dashboard.
export async function logIn(browser, server, name, viewport = { width: 1366, height: 768 }) {
  const context = await browser.newContext({ viewport, locale: 'zh-CN', acceptDownloads: true })
  const page = await context.newPage()
  page.on('pageerror', (e) => { page.__errors = [...(page.__errors || []), e] })
  // What the console says in red: a failed request or a Vue warning turned error.
  page.on('console', (m) => { if (m.type() === 'error') page.__console = [...(page.__console || []), m.text()] })
  await page.goto(`${server.url}/login`)
  await page.fill('input[name=username]', name)
  await page.fill('input[name=password]', server.logins[name])
  await page.click('[data-test=login-submit]')
  // Everyone lands on the dashboard, a field worker on its tasks.
  await page.waitForURL(/\/(dashboard|field)$/)
  return page
}

export async function shot(page, name) {
  await page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true })
}

// The API as the page's session sees it (same cookie).
export async function apiGet(page, path) {
  return page.evaluate(async (p) => {
    const res = await fetch(`/api/v1${p}`)
    return { status: res.status, body: await res.json() }
  }, path)
}

// A write through the API as the page's session (with its CSRF token).
export async function apiSend(page, method, path, body) {
  return page.evaluate(async ({ method, path, body }) => {
    const session = await (await fetch('/api/v1/session')).json()
    const res = await fetch(`/api/v1${path}`, {
      method, headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': session.csrf_token }, body: JSON.stringify(body),
    })
    return { status: res.status, body: await res.json().catch(() => null) }
  }, { method, path, body })
}

// A served demo town and a browser for the tests of one file: started before
// them, stopped after; `world.server` and `world.browser` once started.
export function useAnju() {
  const world = { server: null, browser: null }
  before(async () => {
    world.server = await startAnju()
    world.browser = await launchBrowser()
  })
  after(async () => {
    if (world.browser) await world.browser.close()
    if (world.server) world.server.stop()
  })
  return world
}
