#!/usr/bin/env node
'use strict'
// Load sink: a BTP client of the connector that fulfills every Prepare with the one fixed
// fulfillment of lib/load-constants.js. Prints "SINK READY" once connected; exits after
// --timeout seconds or on SIGTERM, printing how many Prepares it fulfilled.
//
//   --btp URL      btp+ws://loadsink:secret@127.0.0.1:PORT/btp
//   --timeout S    lifetime bound
//   --log FILE     one line per fulfilled Prepare, written before the Fulfill is returned:
//                  "<id> <amount>", <id> being the counter load-gen puts in the data
const fs = require('fs')
const BtpPlugin = require('ilp-plugin-btp')
const IlpPacket = require('ilp-packet')
const { FULFILLMENT } = require('./lib/load-constants')
const { assertLoopback, redact, connectWithin } = require('./lib/loopback')

const args = require('./lib/args')(process.argv.slice(2), {
  btp: 'btp+ws://loadsink:loadsink-secret@127.0.0.1:9080/btp',
  timeout: 300,
  log: ''
})
assertLoopback(args.btp)
// Encoded once: the sink must cost as little CPU as possible so the connector is measured.
const FULFILL = IlpPacket.serializeIlpFulfill({ fulfillment: FULFILLMENT, data: Buffer.alloc(0) })

async function main () {
  const plugin = new BtpPlugin({ server: args.btp })
  let fulfilled = 0
  const log = args.log ? fs.openSync(args.log, 'w') : null
  plugin.registerDataHandler(async (data) => {
    fulfilled++
    if (log !== null) {
      const prepare = IlpPacket.deserializeIlpPrepare(data)
      fs.writeSync(log, `${prepare.data.readBigUInt64BE(0)} ${prepare.amount}\n`)
    }
    return FULFILL
  })
  await connectWithin(plugin, args.btp)
  console.log(`SINK READY ${redact(args.btp)}`)
  const stop = (why) => {
    console.log(`sink: ${why}, fulfilled ${fulfilled} packets`)
    process.exit(0)
  }
  setTimeout(() => stop('timeout'), args.timeout * 1000)
  process.on('SIGTERM', () => stop('SIGTERM'))
  process.on('SIGINT', () => stop('SIGINT'))
}

main().catch((e) => { console.error('sink: FAILED', e); process.exit(1) })
