#!/usr/bin/env node
// One operator watching the explorer (bench/explorer-backpressure.sh): headless Debian chromium,
// driven by playwright-core like explorer-war/src/test/e2e/explorer.e2e.mjs (same flags, fresh
// profile, no browser download), logs in with the admin token and stays on the live Packets
// view. Prints "BROWSER READY" once the table is there and the feed is live, then every 5 s
// the table's counts line ("N rows of M in the node's log · showing S of T/s"). Closes the
// browser and exits on SIGTERM or after LIFETIME_S. With VIEW=node it opens the Node view
// instead, prints "NODE VIEW dropped=N" (what the console shows as events dropped) and exits.
//
// Environment: EXPLORER_BASE (http://127.0.0.1:PORT), ADMIN_TOKEN, CHROMIUM_BIN
// (default /usr/bin/chromium), LIFETIME_S (default 600), VIEW (packets or node).
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
const context = await chromium.launchPersistentContext(profile, {
  executablePath: CHROMIUM,
  headless: true,
  viewport: { width: 1400, height: 900 },
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync']
})
let closing = false
async function close (code) {
  if (closing) return
  closing = true
  await context.close().catch(() => {})
  rmSync(profile, { recursive: true, force: true })
  process.exit(code)
}
process.on('SIGTERM', () => { void close(0) })
process.on('SIGINT', () => { void close(0) })
setTimeout(() => { void close(0) }, LIFETIME_MS).unref()

try {
  const page = context.pages()[0] ?? await context.newPage()
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
    await close(0)
  }
  // the feed is live once the first 1/s totals have arrived
  await page.getByText(/showing \d+ of \d+\/s/).waitFor({ timeout: 20000 })
  console.log('BROWSER READY')
  const counts = page.locator('[data-field="counts"]')
  while (!closing) {
    console.log(`counts: ${(await counts.textContent())?.trim()}`)
    await new Promise((resolve) => setTimeout(resolve, 5000))
  }
} catch (e) {
  console.log(`browser failed: ${e.message}`)
  await close(1)
}
