#!/usr/bin/env node
'use strict'
// The explorer test's receiver ("bob"): a BTP client of the connector that answers Prepares in
// a fixed pattern of eight: the 4th is rejected T04, the 8th F99 with a message a browser would
// run if it were ever rendered as HTML; the others are fulfilled with the fulfillment of
// lib/load-constants.js. So 200 Prepares give 150 fulfilled, 25 T04 and 25 F99.
// Prints "SINK READY" once connected; exits on SIGTERM or after --timeout seconds.
//
//   --btp URL      btp+ws://bob:token@127.0.0.1:PORT/btp
//   --timeout S    lifetime bound
//   --log FILE     one line per answer: "<id> <amount> F|T04|F99", <id> the counter load-gen
//                  puts in the data
const fs = require('fs')
const BtpPlugin = require('ilp-plugin-btp')
const IlpPacket = require('ilp-packet')
const { FULFILLMENT } = require('./lib/load-constants')
const { assertLoopback, redact, connectWithin } = require('./lib/loopback')

const XSS_MESSAGE = '<img src=x onerror="window.__xss=1">'
const PATTERN = 8

const args = require('./lib/args')(process.argv.slice(2), {
  btp: 'btp+ws://bob:bob-token@127.0.0.1:9080/btp',
  timeout: 300,
  log: '',
  address: 'test.java.bob'
})
assertLoopback(args.btp)
const FULFILL = IlpPacket.serializeIlpFulfill({ fulfillment: FULFILLMENT, data: Buffer.alloc(0) })

function reject (code, message) {
  return IlpPacket.serializeIlpReject({
    code, message, triggeredBy: args.address, data: Buffer.alloc(0)
  })
}

async function main () {
  const plugin = new BtpPlugin({ server: args.btp })
  const log = args.log ? fs.openSync(args.log, 'a') : null
  let answered = 0
  plugin.registerDataHandler(async (data) => {
    const prepare = IlpPacket.deserializeIlpPrepare(data)
    const slot = answered++ % PATTERN
    const answer = slot === 3 ? 'T04' : slot === 7 ? 'F99' : 'F'
    if (log !== null) {
      const id = prepare.data.length >= 8 ? prepare.data.readBigUInt64BE(0) : 0n
      fs.writeSync(log, `${id} ${prepare.amount} ${answer}\n`)
    }
    if (answer === 'T04') return reject('T04', 'bob is out of liquidity')
    if (answer === 'F99') return reject('F99', XSS_MESSAGE)
    return FULFILL
  })
  await connectWithin(plugin, args.btp)
  console.log(`SINK READY ${redact(args.btp)}`)
  const stop = (why) => {
    console.log(`explorer-sink: ${why}, answered ${answered} packets`)
    process.exit(0)
  }
  setTimeout(() => stop('timeout'), args.timeout * 1000)
  process.on('SIGTERM', () => stop('SIGTERM'))
  process.on('SIGINT', () => stop('SIGINT'))
}

main().catch((e) => { console.error('explorer-sink: FAILED', e); process.exit(1) })
