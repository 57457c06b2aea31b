#!/usr/bin/env node
'use strict'
// Load generator: a BTP client of the connector keeping --concurrency ILP Prepares in flight
// towards the sink (amount 1, expiry now + 30 s, the fixed condition of lib/load-constants.js).
// Every Prepare carries a unique 8-byte counter in its data: the JS connector answers repeated
// identical Prepares from a cache, which would measure the cache, not the forwarding.
// Bounded twice: stops after --count packets or --duration seconds, whichever comes first.
// Prints one JSON object (and writes it to --json): packets/s, latency percentiles (send ->
// reply, per packet), outcome counts, and the CPU share of --connector-pid over the measured run.
//
//   --btp URL --dest ADDRESS --count N (<= 1e6) --duration S (<= 300) --concurrency C (<= 1000)
//   --warmup N --data-bytes B --connector-pid PID --sink-pid PID --json FILE
//   --amount-spread N   amounts 1..N (packet i: 1 + i mod N) instead of always 1
//   --outcomes FILE     one line per packet of the measured run, written as its answer comes:
//                       "F|R|E <id> <amount> [code]" (fulfilled, rejected, send failed); <id> is
//                       the counter in the Prepare's data, so the sink's log can be matched
// CPU figures are % of one core over the measured run; otherCpuPct is what the rest of the
// machine used meanwhile (a quiet machine shows a few %).
const fs = require('fs')
const os = require('os')
const BtpPlugin = require('ilp-plugin-btp')
const IlpPacket = require('ilp-packet')
const { CONDITION } = require('./lib/load-constants')
const { assertLoopback, redact, connectWithin } = require('./lib/loopback')

const COUNT_MAX = 1000000
const DURATION_S_MAX = 300
const CONCURRENCY_MAX = 1000
const args = require('./lib/args')(process.argv.slice(2), {
  btp: 'btp+ws://loadsrc:loadsrc-secret@127.0.0.1:9080/btp',
  dest: 'test.java.loadsink.bench',
  count: 20000,
  duration: 30,
  concurrency: 10,
  warmup: 1000,
  'data-bytes': 8,
  'connector-pid': 0,
  'sink-pid': 0,
  json: '',
  'amount-spread': 1,
  outcomes: ''
})
assertLoopback(args.btp)
if (!(args.count >= 1 && args.count <= COUNT_MAX) || !(args.duration > 0 && args.duration <= DURATION_S_MAX) ||
    !(args.concurrency >= 1 && args.concurrency <= CONCURRENCY_MAX) || args.warmup > COUNT_MAX) {
  console.error(`load-gen: want 1 <= count <= ${COUNT_MAX}, 0 < duration <= ${DURATION_S_MAX}, ` +
    `1 <= concurrency <= ${CONCURRENCY_MAX}`)
  process.exit(2)
}

const CLOCK_TICKS_PER_S = 100 // USER_HZ on Linux
function cpuSeconds (pid) {
  // /proc/<pid>/stat: utime and stime are fields 14 and 15, counted after the ")" of comm
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_S
}

// Whole machine, in core-seconds: busy = all jiffies but idle and iowait (/proc/stat "cpu").
// Busy CPU not spent by connector, sink or generator says how noisy the measurement was.
function machineBusySeconds () {
  const f = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number)
  const total = f.reduce((a, b) => a + b, 0)
  return (total - f[3] - f[4]) / CLOCK_TICKS_PER_S
}

function percentile (sorted, p) {
  if (sorted.length === 0) return null
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(p / 100 * sorted.length) - 1))
  return +sorted[i].toFixed(3)
}

let counter = BigInt(Date.now()) * 1000n // unique across runs against the same connector

// Synchronous writes: the file must hold every answer even when the run ends abruptly.
const outcomes = args.outcomes ? fs.openSync(args.outcomes, 'w') : null
function record (kind, id, amount, code) {
  if (outcomes !== null) fs.writeSync(outcomes, `${kind} ${id} ${amount}${code ? ' ' + code : ''}\n`)
}

function prepare (dataBytes, id, amount) {
  const data = Buffer.alloc(Math.max(8, dataBytes))
  data.writeBigUInt64BE(id, 0)
  return IlpPacket.serializeIlpPrepare({
    amount: String(amount),
    executionCondition: CONDITION,
    expiresAt: new Date(Date.now() + 30000),
    destination: args.dest,
    data
  })
}

function run (plugin, count, deadline, measured) {
  const latencyMs = new Float64Array(count)
  const result = { sent: 0, fulfilled: 0, rejected: 0, errors: 0, rejectCodes: {} }
  let finished = 0
  const started = process.hrtime.bigint()
  return new Promise((resolve) => {
    const more = () => result.sent < count && Date.now() < deadline
    const launch = () => {
      while (more() && result.sent - finished < args.concurrency) {
        const index = result.sent++
        const id = counter++ & 0xffffffffffffffffn
        const amount = 1 + index % args['amount-spread']
        const t0 = process.hrtime.bigint()
        plugin.sendData(prepare(args['data-bytes'], id, amount)).then((reply) => {
          latencyMs[index] = Number(process.hrtime.bigint() - t0) / 1e6
          if (reply[0] === IlpPacket.Type.TYPE_ILP_FULFILL) {
            result.fulfilled++
            if (measured) record('F', id, amount)
          } else {
            result.rejected++
            const code = IlpPacket.deserializeIlpReject(reply).code
            result.rejectCodes[code] = (result.rejectCodes[code] || 0) + 1
            if (measured) record('R', id, amount, code)
          }
        }, (err) => {
          latencyMs[index] = NaN
          if (measured) record('E', id, amount)
          if (result.errors++ < 3) console.error('load-gen: send failed:', err.message)
        }).finally(() => {
          finished++
          if (finished === result.sent && !more()) done()
          else launch()
        })
      }
    }
    const done = () => {
      const elapsedS = Number(process.hrtime.bigint() - started) / 1e9
      const sorted = Array.from(latencyMs.subarray(0, result.sent)).filter(Number.isFinite).sort((a, b) => a - b)
      result.elapsedS = +elapsedS.toFixed(3)
      result.packetsPerS = +(finished / elapsedS).toFixed(1)
      result.latencyMs = {
        p50: percentile(sorted, 50), p90: percentile(sorted, 90), p99: percentile(sorted, 99),
        max: percentile(sorted, 100)
      }
      resolve(result)
    }
    launch()
  })
}

async function main () {
  const hardStop = setTimeout(() => { console.error('load-gen: hard timeout'); process.exit(3) },
    (args.duration + 60) * 1000)
  const plugin = new BtpPlugin({ server: args.btp })
  await connectWithin(plugin, args.btp)
  console.error(`load-gen: connected to ${redact(args.btp)}, dest ${args.dest}, ` +
    `concurrency ${args.concurrency}, count <= ${args.count}, duration <= ${args.duration}s`)
  if (args.warmup > 0) {
    const w = await run(plugin, args.warmup, Date.now() + 20000, false)
    console.error(`load-gen: warm-up ${w.sent} sent, ${w.fulfilled} fulfilled, ${w.packetsPerS} pkt/s`)
  }
  const pid = args['connector-pid']
  const sinkPid = args['sink-pid']
  const cpu0 = pid ? cpuSeconds(pid) : 0
  const sink0 = sinkPid ? cpuSeconds(sinkPid) : 0
  const machine0 = machineBusySeconds()
  const loadBefore = os.loadavg()[0]
  const self0 = process.cpuUsage()
  const wall0 = process.hrtime.bigint()
  const r = await run(plugin, args.count, Date.now() + args.duration * 1000, true)
  const wallS = Number(process.hrtime.bigint() - wall0) / 1e9
  const pct = (seconds) => +(100 * seconds / wallS).toFixed(1)
  const self = process.cpuUsage(self0)
  const selfS = (self.user + self.system) / 1e6
  const connectorS = pid ? cpuSeconds(pid) - cpu0 : 0
  const sinkS = sinkPid ? cpuSeconds(sinkPid) - sink0 : 0
  const machineS = machineBusySeconds() - machine0
  if (pid) r.connectorCpuPct = pct(connectorS)
  if (sinkPid) r.sinkCpuPct = pct(sinkS)
  r.generatorCpuPct = pct(selfS)
  r.machineCpuPct = pct(machineS) // 100 % = one core
  if (pid && sinkPid) r.otherCpuPct = pct(Math.max(0, machineS - connectorS - sinkS - selfS))
  r.loadavg1Before = +loadBefore.toFixed(2)
  r.loadavg1After = +os.loadavg()[0].toFixed(2)
  r.settings = { dest: args.dest, count: args.count, duration: args.duration, concurrency: args.concurrency,
    warmup: args.warmup, dataBytes: Math.max(8, args['data-bytes']), node: process.version }
  const json = JSON.stringify(r)
  console.log(json)
  if (args.json) fs.writeFileSync(args.json, json + '\n')
  await plugin.disconnect()
  clearTimeout(hardStop)
  process.exit(r.fulfilled > 0 && r.errors === 0 ? 0 : 1)
}

main().catch((e) => { console.error('load-gen: FAILED', e); process.exit(1) })
