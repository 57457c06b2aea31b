#!/usr/bin/env node
// One operator watching the explorer (bench/explorer-backpressure.sh): headless Debian chromium,
// started with the flags of explorer-war/src/test/e2e/explorer.e2e.mjs (fresh profile, no
// browser download) and driven over CDP by playwright-core to log in with the admin token on
// the live Packets view. Then Playwright lets go ("BROWSER READY"): while connected it has
// every WebSocket frame reported to it, which an operator's browser does not pay. On SIGTERM
// it connects again, prints the table's counts line ("counts: N rows of M in the node's log ·
// showing S of T/s"), stops the browser and exits; so also after LIFETIME_S. With VIEW=node it opens the Node view
// instead, prints "NODE VIEW dropped=N" (what the console shows as events dropped) and exits.
//
// Environment: EXPLORER_BASE (http://127.0.0.1:PORT), ADMIN_TOKEN, CHROMIUM_BIN
// (default /usr/bin/chromium), LIFETIME_S (default 600), VIEW (packets or node).
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium } from 'playwright-core'

const BASE = process.env.EXPLORER_BASE
const TOKEN = process.env.ADMIN_TOKEN
if (!BASE || !TOKEN) throw new Error('EXPLORER_BASE and ADMIN_TOKEN are required')
const CHROMIUM = process.env.CHROMIUM_BIN || '/usr/bin/chromium'
const LIFETIME_MS = 1000 * Number(process.env.LIFETIME_S || 600)

const profile = mkdtempSync(join(tmpdir(), 'explorer-bench-chromium-'))
const browserProcess = spawn(CHROMIUM, ['--headless', '--no-sandbox', '--disable-gpu',
  '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--window-size=1400,900',
  `--user-data-dir=${profile}`, '--remote-debugging-port=0', 'about:blank'],
{ stdio: ['ignore', 'ignore', 'pipe'] })
const endpoint = await new Promise((resolve, reject) => {
  let err = ''
  browserProcess.stderr.on('data', (chunk) => {
    err += chunk
    const m = /DevTools listening on (ws:\/\/\S+)/.exec(err)
    if (m) resolve(m[1])
  })
  browserProcess.on('exit', (code) => reject(new Error(`chromium exited ${code}: ${err}`)))
  setTimeout(() => reject(new Error(`no DevTools endpoint: ${err}`)), 30000).unref()
})

/** Playwright on the browser's one page; `fn(page)`, then Playwright disconnects. */
async function withPage (fn) {
  const browser = await chromium.connectOverCDP(endpoint)
  try {
    const context = browser.contexts()[0]
    return await fn(context.pages()[0] ?? await context.newPage())
  } finally {
    await browser.close() // a CDP connection: disconnects, the browser and its page stay
  }
}

let closing = false
async function close (code) {
  if (closing) return
  closing = true
  if (code === 0 && process.env.VIEW !== 'node') {
    const counts = await Promise.race([
      withPage((page) => page.locator('[data-field="counts"]').textContent()),
      new Promise((resolve) => setTimeout(resolve, 5000))]).catch(() => null)
    console.log(`counts: ${counts?.trim() ?? '-'}`)
  }
  browserProcess.kill('SIGTERM')
  await new Promise((resolve) => browserProcess.exitCode !== null
    ? resolve() : browserProcess.on('exit', resolve))
  rmSync(profile, { recursive: true, force: true })
  process.exit(code)
}
process.on('SIGTERM', () => { void close(0) })
process.on('SIGINT', () => { void close(0) })
setTimeout(() => { void close(0) }, LIFETIME_MS).unref()

try {
  await withPage(async (page) => {
    page.on('pageerror', (e) => console.log(`page error: ${e.message}`))
    await page.goto(`${BASE}/explorer/`)
    await page.getByLabel('Admin API token').fill(TOKEN)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.locator('table[aria-label="packets"]').waitFor({ timeout: 20000 })
    if (process.env.VIEW === 'node') {
      // the view polls /admin/telemetry; its first answer replaces the feed's figure
      const answered = page.waitForResponse((r) => r.url().endsWith('/admin/telemetry'),
        { timeout: 20000 }).catch(() => {})
      await page.getByRole('tab', { name: 'Node', exact: true }).click()
      const dropped = page.locator('[data-field="dropped"]')
      await dropped.waitFor({ timeout: 20000 })
      await answered
      await new Promise((resolve) => setTimeout(resolve, 500))
      console.log(`NODE VIEW dropped=${(await dropped.textContent())?.trim()}`)
      return
    }
    // the feed is live once the first 1/s totals have arrived
    await page.getByText(/showing \d+ of \d+\/s/).waitFor({ timeout: 20000 })
  })
  if (process.env.VIEW === 'node') await close(0)
  console.log('BROWSER READY')
} catch (e) {
  console.log(`browser failed: ${e.message}`)
  await close(1)
}
