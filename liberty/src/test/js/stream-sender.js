#!/usr/bin/env node
'use strict'
// STREAM sender behind a BTP link: SPSP query (ilp-protocol-spsp), then one STREAM connection
// (ilp-protocol-stream createConnection, which fetches its own address by IL-DCP) and
// sendTotal(--amount). Prints "SENT_TOTAL=<n> DELIVERED=<n>" and exits 0 on success.
//
//   --btp URL     btp+ws://user:token@127.0.0.1:PORT/btp
//   --spsp URL    http://127.0.0.1:N/ of the receiver
//   --amount N    source units to send
//   --timeout S   bound for the whole payment
require('./lib/node20-stream-shim')
const BtpPlugin = require('ilp-plugin-btp')
const SPSP = require('ilp-protocol-spsp')
const { createConnection } = require('ilp-protocol-stream')
const { assertLoopback, redact, connectWithin } = require('./lib/loopback')

const args = require('./lib/args')(process.argv.slice(2), {
  btp: 'btp+ws://sender:sender-token@127.0.0.1:9080/btp',
  spsp: 'http://127.0.0.1:7790/',
  amount: '1000000',
  timeout: 60
})
assertLoopback(args.btp)
assertLoopback(args.spsp)

async function main () {
  const hardStop = setTimeout(() => {
    console.error('sender: hard timeout')
    process.exit(2)
  }, (args.timeout + 5) * 1000)
  const plugin = new BtpPlugin({ server: args.btp })
  await connectWithin(plugin, args.btp)
  console.log(`sender: connected to ${redact(args.btp)}`)

  const details = await SPSP.query(args.spsp)
  console.log(`sender: SPSP destination ${details.destination_account}`)
  const started = Date.now()
  const conn = await createConnection({
    plugin,
    destinationAccount: details.destination_account,
    sharedSecret: Buffer.from(details.shared_secret, 'base64')
  })
  console.log(`sender: STREAM open, source ${conn.sourceAccount}`)
  const stream = conn.createStream()
  stream.write('hello from the JS STREAM sender')
  await stream.sendTotal(String(args.amount), { timeout: args.timeout * 1000 })
  console.log(`SENT_TOTAL=${stream.totalSent} DELIVERED=${conn.totalDelivered} ms=${Date.now() - started}`)
  await conn.end()
  await plugin.disconnect()
  clearTimeout(hardStop)
  process.exit(stream.totalSent === String(args.amount) ? 0 : 1)
}

main().catch((e) => { console.error('sender: FAILED', e); process.exit(1) })
