#!/usr/bin/env node
'use strict'
// One BTP session against a running node, for smoke checks on other servers
// (connector-ear/payara-smoke.sh): authenticate, fetch our address by IL-DCP, send one Prepare
// to an address nobody routes and expect an F02 Reject. Prints one PASS/FAIL line per check and
// exits 0 only when all pass.
//
//   --btp URL       btp+ws://user:token@127.0.0.1:PORT/btp
//   --address A     the address IL-DCP must give us, e.g. test.payara.alice
//   --unknown A     a destination with no route
//   --timeout S     bound for the whole run
const crypto = require('crypto')
const BtpPlugin = require('ilp-plugin-btp')
const ILDCP = require('ilp-protocol-ildcp')
const IlpPacket = require('ilp-packet')
const { assertLoopback, redact, connectWithin } = require('./lib/loopback')

const args = require('./lib/args')(process.argv.slice(2), {
  btp: 'btp+ws://alice:alice-token@127.0.0.1:9080/btp',
  address: 'test.payara.alice',
  unknown: 'test.nowhere.bob',
  timeout: 30
})
assertLoopback(args.btp)

let failed = 0
function check (name, ok, detail) {
  console.log(`${ok ? 'PASS' : 'FAIL'} ${name}: ${detail}`)
  if (!ok) failed++
}

async function main () {
  const hardStop = setTimeout(() => {
    console.log('FAIL btp: hard timeout')
    process.exit(2)
  }, args.timeout * 1000)
  const plugin = new BtpPlugin({ server: args.btp })
  await connectWithin(plugin, args.btp, Math.min(args.timeout, 20))
  check('btp-auth', true, `session with ${redact(args.btp)}`)

  const info = await ILDCP.fetch(data => plugin.sendData(data))
  check('ildcp', info.clientAddress === args.address,
    `address=${info.clientAddress} assetCode=${info.assetCode} assetScale=${info.assetScale}`)

  const fulfillment = crypto.randomBytes(32)
  const prepare = IlpPacket.serializeIlpPrepare({
    amount: '1',
    destination: args.unknown,
    executionCondition: crypto.createHash('sha256').update(fulfillment).digest(),
    expiresAt: new Date(Date.now() + 10000),
    data: Buffer.alloc(0)
  })
  const reply = IlpPacket.deserializeIlpPacket(await plugin.sendData(prepare))
  const code = reply.data && reply.data.code
  check('prepare-unknown-address', reply.typeString === 'ilp_reject' && code === 'F02',
    `${reply.typeString} code=${code} triggeredBy=${reply.data && reply.data.triggeredBy}` +
    ` message="${reply.data && reply.data.message}"`)

  await plugin.disconnect()
  clearTimeout(hardStop)
  process.exit(failed === 0 ? 0 : 1)
}

main().catch(e => {
  console.log(`FAIL btp: ${e && e.stack ? e.stack : e}`)
  process.exit(1)
})
