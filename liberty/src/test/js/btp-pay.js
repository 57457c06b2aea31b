#!/usr/bin/env node
'use strict'
// A child that pays over BTP with ilp-plugin-btp: authenticates, asks its address by IL-DCP,
// then sends --count Prepares of --amount to --destination, each carrying its own fulfillment
// as data (the test's receiver fulfills with it). Prints `ADDRESS <address>`, one
// `REPLY <type> <code|->` per Prepare, then `DONE`; exits 0 when every Prepare was fulfilled.
//
//   --btp URL          btp+ws://carol:token@127.0.0.1:PORT/btp
//   --destination A    where to pay
//   --amount N         per Prepare
//   --count N          how many Prepares
//   --timeout S        bound for the whole run
const crypto = require('crypto')
const BtpPlugin = require('ilp-plugin-btp')
const ILDCP = require('ilp-protocol-ildcp')
const IlpPacket = require('ilp-packet')
const { assertLoopback, connectWithin } = require('./lib/loopback')

const args = require('./lib/args')(process.argv.slice(2), {
  btp: 'btp+ws://carol:carol-token@127.0.0.1:9080/btp',
  destination: 'test.node.bob.shop',
  amount: '100',
  count: 1,
  timeout: 30
})
assertLoopback(args.btp)

async function main () {
  const hardStop = setTimeout(() => {
    console.log('FAIL hard timeout')
    process.exit(2)
  }, args.timeout * 1000)
  const plugin = new BtpPlugin({ server: args.btp })
  await connectWithin(plugin, args.btp, Math.min(args.timeout, 20))
  const info = await ILDCP.fetch(data => plugin.sendData(data))
  console.log(`ADDRESS ${info.clientAddress}`)
  let fulfilled = 0
  for (let i = 0; i < Number(args.count); i++) {
    const fulfillment = crypto.randomBytes(32)
    const prepare = IlpPacket.serializeIlpPrepare({
      amount: String(args.amount),
      destination: args.destination,
      executionCondition: crypto.createHash('sha256').update(fulfillment).digest(),
      expiresAt: new Date(Date.now() + 10000),
      data: fulfillment
    })
    const reply = IlpPacket.deserializeIlpPacket(await plugin.sendData(prepare))
    const code = (reply.data && reply.data.code) || '-'
    console.log(`REPLY ${reply.typeString} ${code}`)
    if (reply.typeString === 'ilp_fulfill') fulfilled++
  }
  console.log('DONE')
  await plugin.disconnect()
  clearTimeout(hardStop)
  process.exit(fulfilled === Number(args.count) ? 0 : 1)
}

main().catch(e => {
  console.log(`FAIL ${e && e.stack ? e.stack : e}`)
  process.exit(1)
})
