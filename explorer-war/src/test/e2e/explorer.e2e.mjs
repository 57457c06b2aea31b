#!/usr/bin/env node
// The explorer in a real browser, against a running node (ExplorerBrowserIT starts it and runs
// this script). playwright-core drives the system's chromium (CHROMIUM_BIN, default
// /usr/bin/chromium); nothing is downloaded. The script starts the two JS peers itself, so it
// can stop and restart the receiver: "alice" (load-gen.js) pays "bob" (explorer-sink.js, which
// fulfills 150 of 200 and rejects 25 T04 and 25 F99 with an HTML-looking message).
//
// Environment:
//   EXPLORER_BASE   http://127.0.0.1:PORT of the node      ADMIN_TOKEN  its ADMIN_API_TOKEN
//   JS_DIR          liberty's installed JS tree (scripts + node_modules)
//   ALICE_BTP, BOB_BTP  btp+ws:// URLs of the two peers    NODE_ADDRESS  e.g. test.java
//   WORK_DIR        logs, the generator's outcomes, the IT handshake files (actions/)
//   SHOTS_DIR       where the screenshots go (docs/explorer)
//   CHROMIUM_BIN    the browser
// Prints "E2E ok <check>" per check and "E2E PASSED" at the end; exits non-zero on a failure.
// "E2E-ACTION <n> <what>" asks the IT to act on the node (restart-node); the IT answers by
// creating WORK_DIR/actions/<n>.done.
import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium } from 'playwright-core'
import WebSocket from 'ws'

const need = (name) => {
  const v = process.env[name]
  if (!v) throw new Error(`environment variable ${name} is required`)
  return v
}
const BASE = need('EXPLORER_BASE')
const TOKEN = need('ADMIN_TOKEN')
const JS_DIR = need('JS_DIR')
const ALICE_BTP = need('ALICE_BTP')
const BOB_BTP = need('BOB_BTP')
const NODE_ADDRESS = need('NODE_ADDRESS')
const WORK = need('WORK_DIR')
const SHOTS = need('SHOTS_DIR')
const CHROMIUM = process.env.CHROMIUM_BIN || '/usr/bin/chromium'

const CSP = "default-src 'self'; frame-ancestors 'none'"
const XSS = '<img src=x onerror="window.__xss=1">'
const DEST = `${NODE_ADDRESS}.bob.explorer-e2e`
const PACKETS = 200
// lib/load-constants.js: the one fulfillment the sink answers with, and its condition
const FULFILLMENT = createHash('sha256').update('ilp-connector-bench-fulfillment').digest()
const CONDITION = createHash('sha256').update(FULFILLMENT).digest()

mkdirSync(WORK, { recursive: true })
mkdirSync(SHOTS, { recursive: true })
mkdirSync(join(WORK, 'actions'), { recursive: true })

const children = new Set()
let browserContext = null

function fail (message) {
  throw new Error(message)
}

function expectEqual (actual, expected, what) {
  if (actual !== expected) fail(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`)
}

async function check (name, fn) {
  const t0 = Date.now()
  await fn()
  console.log(`E2E ok ${name} (${Date.now() - t0} ms)`)
}

/** Polls `probe` until it returns a truthy value; fails with `what` after `ms`. */
async function within (ms, what, probe) {
  const deadline = Date.now() + ms
  let last
  while (true) {
    try {
      last = await probe()
      if (last) return last
    } catch (e) {
      last = e.message
    }
    if (Date.now() > deadline) fail(`${what} not within ${ms} ms (last: ${JSON.stringify(last)})`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

async function admin (path, init = {}) {
  const response = await fetch(BASE + path, {
    ...init,
    headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json', ...init.headers }
  })
  const text = await response.text()
  let json = null
  try { json = text ? JSON.parse(text) : null } catch { json = null } // a 404/405 page of the server
  return { status: response.status, json }
}

async function balanceOf (peer) {
  const r = await admin(`/admin/peers/${peer}/balance`)
  expectEqual(r.status, 200, `GET /admin/peers/${peer}/balance`)
  return r.json
}

/** Runs `node <script> <args>` in the JS tree; resolves on `ready` in its output. */
function startJs (name, script, args, ready) {
  const child = spawn(process.execPath, [script, ...args], { cwd: JS_DIR, stdio: ['ignore', 'pipe', 'pipe'] })
  children.add(child)
  let output = ''
  const exited = new Promise((resolve) => child.on('exit', (code) => { children.delete(child); resolve(code) }))
  const onData = (chunk) => {
    output += chunk
    for (const line of String(chunk).split('\n')) if (line.trim()) console.log(`[${name}] ${line}`)
  }
  child.stdout.on('data', onData)
  child.stderr.on('data', onData)
  const readyPromise = ready === null
    ? Promise.resolve()
    : within(60000, `${name} ready`, () => ready.test(output) || (child.exitCode !== null && fail(`${name} exited: ${output}`)))
  return { child, exited, ready: readyPromise, output: () => output }
}

function stopJs (p) {
  p.child.kill('SIGTERM')
  return p.exited
}

let actionCount = 0
/** Asks ExplorerBrowserIT to do something to the node, and waits until it is done. */
async function askTheIt (what, timeoutMs) {
  const n = ++actionCount
  const done = join(WORK, 'actions', `${n}.done`)
  console.log(`E2E-ACTION ${n} ${what}`)
  await within(timeoutMs, `the IT doing ${what}`, () => existsSync(done))
}

async function plainChecks () {
  await check('GET /explorer/ is 200 with a module script and the CSP', async () => {
    const r = await fetch(`${BASE}/explorer/`)
    expectEqual(r.status, 200, 'status of /explorer/')
    const html = await r.text()
    if (!html.includes('<script type="module"')) fail(`no <script type="module" in ${html}`)
    expectEqual(r.headers.get('content-security-policy'), CSP, 'Content-Security-Policy')
  })
  await check('GET /admin/packets without a token is 401', async () => {
    const r = await fetch(`${BASE}/admin/packets`)
    expectEqual(r.status, 401, 'status of /admin/packets without a token')
  })
  await check('the feed without a ticket closes 1008', async () => {
    const code = await new Promise((resolve, reject) => {
      const ws = new WebSocket(`${BASE.replace(/^http/, 'ws')}/explorer/feed`)
      const timer = setTimeout(() => reject(new Error('feed did not close within 10 s')), 10000)
      ws.on('close', (c) => { clearTimeout(timer); resolve(c) })
      ws.on('unexpected-response', (_req, res) => {
        clearTimeout(timer)
        reject(new Error(`feed handshake answered HTTP ${res.statusCode}`))
      })
      ws.on('error', () => {})
    })
    expectEqual(code, 1008, 'close code of the feed without a ticket')
  })
}

async function main () {
  await plainChecks()

  const bobLog = join(WORK, 'sink.log')
  let bob = startJs('bob', 'explorer-sink.js', ['--btp', BOB_BTP, '--log', bobLog, '--timeout', '900'], /SINK READY/)
  await bob.ready
  await within(10000, 'bob connected', async () => (await admin('/admin/peers')).json.find((p) => p.id === 'bob')?.connected)

  const userDataDir = mkdtempSync(join(tmpdir(), 'explorer-e2e-chromium-'))
  browserContext = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1400, height: 900 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync']
  })
  const page = browserContext.pages()[0] ?? await browserContext.newPage()
  const cspViolations = []
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) cspViolations.push(m.text())
  })
  page.on('pageerror', (e) => console.log(`[browser] page error: ${e.message}`))
  const shot = (name) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: false })
  const tab = (name) => page.getByRole('tab', { name, exact: true })
  const text = async (locator) => (await locator.textContent())?.trim()

  await check('a wrong token shows an error on the login page and no data', async () => {
    await page.goto(`${BASE}/explorer/`)
    await page.getByLabel('Admin API token').fill('not-the-token')
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.getByRole('alert').filter({ hasText: 'refused' }).waitFor({ timeout: 10000 })
    expectEqual(await page.getByRole('tab').count(), 0, 'tabs shown after a refused token')
    expectEqual(await page.locator('table').count(), 0, 'tables shown after a refused token')
    expectEqual(await page.evaluate(() => sessionStorage.length), 0, 'sessionStorage entries')
    await shot('login')
  })

  await check('the right token opens Packets', async () => {
    await page.getByLabel('Admin API token').fill(TOKEN)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.locator('table[aria-label="packets"]').waitFor({ timeout: 10000 })
    expectEqual(await tab('Packets').getAttribute('aria-selected'), 'true', 'Packets selected')
    await page.evaluate(() => { window.__notReloaded = true })
  })

  // Peers open while alice pays: her balance must move by the fulfilled sum within 2 s.
  await tab('Peers').click()
  const aliceBalance = page.locator('tr[data-peer="alice"] [data-field="balance"]')
  await within(10000, 'alice in the Peers view', async () => /^-?\d+$/.test(await text(aliceBalance)))
  const aliceBefore = BigInt(await text(aliceBalance))
  const outcomesFile = join(WORK, 'outcomes.txt')
  const alice = startJs('alice', 'load-gen.js', ['--btp', ALICE_BTP, '--dest', DEST, '--count', String(PACKETS),
    '--warmup', '0', '--concurrency', '4', '--amount-spread', '20', '--duration', '120', '--outcomes', outcomesFile], null)
  const aliceExit = await alice.exited
  const paidAt = Date.now()
  expectEqual(aliceExit, 0, 'load-gen exit code')
  const outcomes = readFileSync(outcomesFile, 'utf8').trim().split('\n').map((l) => l.split(' '))
  const sent = new Map(outcomes.map(([, id, amount]) => [BigInt(id), amount]))
  const fulfilled = outcomes.filter((o) => o[0] === 'F')
  expectEqual(fulfilled.length, 150, 'packets fulfilled by the sink')
  expectEqual(outcomes.filter((o) => o[3] === 'T04').length, 25, 'T04 rejects')
  expectEqual(outcomes.filter((o) => o[3] === 'F99').length, 25, 'F99 rejects')
  const fulfilledSum = fulfilled.reduce((s, o) => s + BigInt(o[2]), 0n)

  await check(`alice's balance moves by the fulfilled sum (${fulfilledSum}) within 2 s, no reload`, async () => {
    const want = String(aliceBefore - fulfilledSum)
    await within(2000 - (Date.now() - paidAt), `alice's balance ${want}`, async () => (await text(aliceBalance)) === want)
    expectEqual(await page.evaluate(() => window.__notReloaded), true, 'page not reloaded')
    await shot('peers')
  })

  await tab('Packets').click()
  const rows = page.locator('table[aria-label="packets"] tbody tr')
  await check(`${PACKETS} rows for bob`, async () => {
    await page.getByLabel('Peer', { exact: true }).fill('bob')
    await within(10000, `${PACKETS} rows`, async () => (await rows.count()) === PACKETS)
    await shot('packets')
  })
  const codes = () => page.locator('table[aria-label="packets"] tbody [data-field="code"]').allTextContents()
  const only = async (code) => { const c = await codes(); return c.length === 25 && c.every((x) => x === code) }
  await check('filter T04 gives 25 rows', async () => {
    await page.getByLabel('Code').fill('T04')
    await within(10000, '25 rows, all T04', () => only('T04'))
  })
  await check('the F99 message is shown as text and runs nothing', async () => {
    await page.getByLabel('Code').fill('F99')
    await within(10000, '25 rows, all F99', () => only('F99'))
    await rows.first().click()
    const message = page.locator('[aria-label="packet detail"] [data-field="message"]')
    await within(10000, 'F99 message in the detail', async () => (await text(message)) === XSS)
    expectEqual(await page.evaluate(() => typeof window.__xss), 'undefined', 'window.__xss')
    expectEqual(await page.locator('img').count(), 0, 'img elements in the page')
  })
  await check('a fulfilled packet\'s detail matches the generator and /admin/packets/{id}', async () => {
    await page.getByLabel('Code').fill('')
    await within(10000, `${PACKETS} rows again`, async () => (await rows.count()) === PACKETS)
    const row = page.locator('table[aria-label="packets"] tbody tr[data-outcome="fulfilled"]').first()
    const id = await row.getAttribute('data-packet')
    await row.click()
    const detail = page.locator(`[data-packet-detail="${id}"]`)
    const field = (name) => text(detail.locator(`[data-field="${name}"]`))
    await within(10000, 'detail loaded', async () => (await field('fulfillment')) === FULFILLMENT.toString('hex'))
    expectEqual(await field('destination'), DEST, 'destination')
    expectEqual(await field('condition'), CONDITION.toString('hex'), 'condition')
    const counter = BigInt('0x' + (await field('data')).slice(0, 16))
    if (!sent.has(counter)) fail(`packet data ${counter} is not in the generator's log`)
    expectEqual(await field('amount'), sent.get(counter), 'amount (generator\'s log)')
    const api = (await admin(`/admin/packets/${encodeURIComponent(id)}`)).json
    const expires = Date.parse(await field('expiresAt'))
    const received = Date.parse(api.time)
    if (!(expires > received && expires <= received + 31000)) {
      fail(`expiry ${await field('expiresAt')} is not within 30 s after ${api.time}`)
    }
    expectEqual((await field('prepareHex')).replace(/\s/g, ''), api.prepareHex, 'Prepare hex')
    expectEqual((await field('responseHex')).replace(/\s/g, ''), api.responseHex, 'answer hex')
    await detail.scrollIntoViewIfNeeded()
    await shot('packet-detail')
  })

  await tab('Peers').click()
  const bobLink = page.locator('tr[data-peer="bob"] [data-field="link"]')
  await check('stopping the sink shows bob down within 5 s', async () => {
    await within(5000, 'bob up', async () => (await text(bobLink)) === 'up')
    await stopJs(bob)
    const stopped = Date.now()
    await within(5000, 'bob down', async () => (await text(bobLink)) === 'down')
    console.log(`E2E bob shown down ${Date.now() - stopped} ms after the sink stopped`)
  })
  await check('bob up again once the sink returns', async () => {
    bob = startJs('bob', 'explorer-sink.js', ['--btp', BOB_BTP, '--timeout', '900'], /SINK READY/)
    await bob.ready
    await within(5000, 'bob up', async () => (await text(bobLink)) === 'up')
  })

  await check('Routes shows GET /admin/routes', async () => {
    await tab('Routes').click()
    const api = (await admin('/admin/routes')).json
    const routeRows = page.locator('table[aria-label="routes"] tbody tr')
    await within(10000, `${api.routes.length} routes`, async () => (await routeRows.count()) === api.routes.length)
    const shown = await routeRows.evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent.trim())))
    const want = api.routes.map((r) => [r.prefix, r.nextHop === '' ? '(this node)' : r.nextHop, r.path.join(' → '), r.source, String(r.epoch)])
    expectEqual(JSON.stringify(shown), JSON.stringify(want), 'routes table')
    expectEqual(await text(page.locator('[data-field="routingTableId"]')), api.routingTableId, 'routing table id')
    await shot('routes')
  })

  await tab('Settlements').click()
  await check('bob\'s settlement request appears; Confirm removes it and settles its amount', async () => {
    const first = page.locator('tr[data-settlement][data-peer="bob"]').first()
    await first.waitFor({ timeout: 30000 })
    const request = page.locator(`tr[data-settlement="${await first.getAttribute('data-settlement')}"]`)
    const amount = (await text(request.locator('[data-field="amount"]'))).split(' ')[0]
    const before = BigInt((await balanceOf('bob')).settledOut)
    await shot('settlements')
    await request.getByLabel('reference').fill('explorer e2e wire 1')
    await request.getByRole('button', { name: 'Confirm' }).click()
    await request.waitFor({ state: 'detached', timeout: 10000 })
    expectEqual((await balanceOf('bob')).settledOut, String(before + BigInt(amount)), 'bob settledOut')
  })
  await check('an incoming "abc" shows the 400 beside the field and records nothing', async () => {
    const before = (await balanceOf('alice')).settledIn
    await page.getByLabel('Paid by peer').selectOption('alice')
    await page.getByLabel('Amount (base units)').fill('abc')
    await page.getByRole('button', { name: 'Record' }).click()
    const error = page.locator('#incoming-amount-error')
    await error.waitFor({ timeout: 10000 })
    if (!/amount/.test(await text(error))) fail(`error beside the amount: ${await text(error)}`)
    expectEqual((await balanceOf('alice')).settledIn, before, 'alice settledIn after "abc"')
  })
  await check('a valid amount clicked twice raises settledIn once', async () => {
    const before = BigInt((await balanceOf('alice')).settledIn)
    await page.getByLabel('Amount (base units)').fill('1000')
    await page.getByRole('button', { name: 'Record' }).dblclick()
    await page.getByRole('status').filter({ hasText: 'recorded 1000' }).waitFor({ timeout: 10000 })
    await new Promise((resolve) => setTimeout(resolve, 1000)) // let a second post land, if any
    expectEqual((await balanceOf('alice')).settledIn, String(before + 1000n), 'alice settledIn')
    await within(5000, 'settledIn in the view', async () =>
      (await text(page.locator('tr[data-peer="alice"] [data-field="settledIn"]'))) === String(before + 1000n))
  })

  await check('Node shows the address and the explorer counters', async () => {
    await tab('Node').click()
    await within(10000, 'address', async () => (await text(page.locator('[data-field="address"]'))) === NODE_ADDRESS)
    await page.locator('[data-field="dropped"]').waitFor()
    await shot('node')
  })

  // A node with run-time peers answers an unknown id with its JSON 404; one without, with the
  // server's own "no such resource" page.
  const probe = await admin('/admin/peers/e2e-no-such-peer', { method: 'DELETE' })
  const runtimePeers = probe.status === 404 && typeof probe.json?.error === 'string'
  let carolPaid = null
  if (runtimePeers) {
    carolPaid = await carolJoins(page, tab, text)
  } else {
    console.log('E2E note: this node has no run-time peers (DELETE /admin/peers/{id}); carol skipped')
  }
  await restartAndCarolAfter(page, tab, text, carolPaid)
  if (cspViolations.length > 0) fail(`CSP violations: ${cspViolations.join(' | ')}`)
  console.log('E2E PASSED')
}

async function carolJoins (page, tab, text) {
  // Peers at run time: carol is added in the console, pays, survives a restart, is refused
  // removal while she owes, and goes once settled to zero.
  const carolBtp = ALICE_BTP.replace('alice:alice-token@', 'carol:carol-token@')
  const carolPaid = { sum: 0n }
  await tab('Peers').click()
  await check('adding carol with a bad asset scale shows the 400 beside that field', async () => {
    await page.getByLabel('Peer id').fill('carol')
    await page.getByLabel('Relation (parent, peer, child)').fill('child')
    await page.getByLabel('BTP token (the peer dials us)').fill('carol-token')
    await page.getByLabel('Asset scale').fill('nine')
    await page.getByRole('button', { name: 'Add peer' }).click()
    await page.locator('[data-error-for="assetScale"]').waitFor({ timeout: 10000 })
    expectEqual((await admin('/admin/peers')).json.some((p) => p.id === 'carol'), false, 'carol listed after a 400')
  })
  await check('carol added in the console authenticates over BTP and pays', async () => {
    await page.getByLabel('Asset scale').fill('9')
    await page.getByLabel('Min balance').fill('-1000000')
    await page.getByRole('button', { name: 'Add peer' }).click()
    await page.getByRole('status').filter({ hasText: 'added carol' }).waitFor({ timeout: 10000 })
    await page.locator('tr[data-peer="carol"]').waitFor({ timeout: 5000 })
    const outcomes = join(WORK, 'carol-outcomes.txt')
    const carol = startJs('carol', 'load-gen.js', ['--btp', carolBtp, '--dest', `${NODE_ADDRESS}.bob.from-carol`,
      '--count', '8', '--warmup', '0', '--concurrency', '1', '--duration', '60', '--outcomes', outcomes], null)
    expectEqual(await carol.exited, 0, 'carol\'s load-gen exit code')
    carolPaid.sum = readFileSync(outcomes, 'utf8').trim().split('\n').map((l) => l.split(' '))
      .filter((o) => o[0] === 'F').reduce((sum, o) => sum + BigInt(o[2]), 0n)
    if (carolPaid.sum === 0n) fail('nothing of carol\'s was fulfilled')
    await within(5000, 'carol\'s balance in the view', async () =>
      (await text(page.locator('tr[data-peer="carol"] [data-field="balance"]'))) === String(-carolPaid.sum))
  })
  return carolPaid
}

async function restartAndCarolAfter (page, tab, text, carolPaid) {
  await check('a node restart shows "reconnecting" and resumes without a reload', async () => {
    await tab('Node').click()
    const badge = page.locator('[data-field="connection"]')
    const sawReconnecting = within(60000, '"reconnecting"', async () => /reconnecting/.test(await text(badge)))
    await askTheIt('restart-node', 180000)
    await sawReconnecting
    await within(60000, 'live again', async () => /^(live|connected)$/.test(await text(badge)))
    await within(30000, 'address after the restart', async () => (await text(page.locator('[data-field="address"]'))) === NODE_ADDRESS)
    expectEqual(await page.evaluate(() => window.__notReloaded), true, 'page not reloaded')
  })
  if (carolPaid === null) return
  await tab('Peers').click()
  const carolBalance = page.locator('tr[data-peer="carol"] [data-field="balance"]')
  await check('after the restart carol is still there with her balance', async () => {
    await within(30000, 'carol\'s balance after the restart', async () => (await text(carolBalance)) === String(-carolPaid.sum))
  })
  await check('removing carol while she owes is refused with the reason', async () => {
    await page.getByLabel('Peer id').fill('carol')
    await page.getByRole('button', { name: 'Remove peer' }).click()
    const reason = page.locator('[data-error-for="form"]')
    await reason.waitFor({ timeout: 10000 })
    if (!/balance/.test(await text(reason))) fail(`refusal without the reason: ${await text(reason)}`)
    expectEqual((await admin('/admin/peers')).json.some((p) => p.id === 'carol'), true, 'carol still listed')
  })
  await check('settled to zero, carol is removed from the peers and the routes', async () => {
    await tab('Settlements').click()
    await page.getByLabel('Paid by peer').selectOption('carol')
    await page.getByLabel('Amount (base units)').fill(String(carolPaid.sum))
    await page.getByRole('button', { name: 'Record' }).click()
    await page.getByRole('status').filter({ hasText: `recorded ${carolPaid.sum} from carol` }).waitFor({ timeout: 10000 })
    expectEqual((await balanceOf('carol')).balance, '0', 'carol\'s balance after her settlement')
    await tab('Peers').click()
    await page.getByLabel('Peer id').fill('carol')
    await page.getByRole('button', { name: 'Remove peer' }).click()
    await page.getByRole('status').filter({ hasText: 'removed carol' }).waitFor({ timeout: 10000 })
    await page.locator('tr[data-peer="carol"]').waitFor({ state: 'detached', timeout: 5000 })
    expectEqual((await admin('/admin/peers')).json.some((p) => p.id === 'carol'), false, 'carol in /admin/peers')
    const routes = (await admin('/admin/routes')).json.routes
    expectEqual(routes.some((r) => r.nextHop === 'carol' || r.prefix.endsWith('.carol')), false, 'carol in /admin/routes')
  })
}

let exitCode = 0
try {
  await main()
} catch (e) {
  console.error(`E2E FAILED: ${e.stack ?? e}`)
  exitCode = 1
} finally {
  await browserContext?.close().catch(() => {})
  for (const child of children) child.kill('SIGTERM')
}
process.exit(exitCode)
