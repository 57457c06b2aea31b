#!/usr/bin/env node
'use strict'
// STREAM receiver (ilp-protocol-stream createServer) behind a BTP link, plus an SPSP endpoint.
// The STREAM server learns its ILP address by IL-DCP over the link (so with our connector it is
// <ILP_ADDRESS>.<child id>). Prints "RECEIVER READY address=..." once SPSP is listening,
// "RECEIVED_TOTAL=<n> OK" and exits 0 once --expect units arrived, exits 1 on --timeout.
//
//   --btp URL        btp+ws://user:token@127.0.0.1:PORT/btp
//   --spsp-port N    SPSP (application/spsp4+json) on http://127.0.0.1:N/
//   --expect N       units to wait for (0: run until --timeout, then exit 0)
//   --timeout S      lifetime bound
require('./lib/node20-stream-shim')
const crypto = require('crypto')
const http = require('http')
const BtpPlugin = require('ilp-plugin-btp')
const { createServer } = require('ilp-protocol-stream')
const { assertLoopback, redact, connectWithin } = require('./lib/loopback')

const args = require('./lib/args')(process.argv.slice(2), {
  btp: 'btp+ws://receiver:receiver-token@127.0.0.1:9080/btp',
  'spsp-port': 0,
  expect: '0',
  timeout: 120
})
assertLoopback(args.btp)
const expect = BigInt(args.expect)

async function main () {
  const plugin = new BtpPlugin({ server: args.btp })
  await connectWithin(plugin, args.btp)
  const server = await createServer({ plugin, serverSecret: crypto.randomBytes(32) })
  const sample = server.generateAddressAndSecret().destinationAccount
  const address = sample.slice(0, sample.lastIndexOf('.')) // drop the per-connection token
  console.log(`receiver: connected to ${redact(args.btp)}, IL-DCP address ${address}`)

  let total = 0n
  let done = false
  server.on('connection', (conn) => {
    conn.on('stream', (stream) => {
      stream.setReceiveMax('18446744073709551615')
      stream.on('data', (chunk) => console.log(`receiver: data "${chunk.toString()}"`))
      stream.on('money', (amount) => {
        total += BigInt(amount)
        if (!done && expect > 0n && total >= expect) {
          done = true
          console.log(`receiver: RECEIVED_TOTAL=${total} OK`)
          // give the connection a moment to send its last Fulfill and close frames
          setTimeout(() => shutdown(total === expect ? 0 : 3), 300)
        }
      })
    })
  })

  const spsp = http.createServer((req, res) => {
    const { destinationAccount, sharedSecret } = server.generateAddressAndSecret()
    res.writeHead(200, { 'Content-Type': 'application/spsp4+json' })
    res.end(JSON.stringify({
      destination_account: destinationAccount,
      shared_secret: sharedSecret.toString('base64')
    }))
  })
  await new Promise((resolve, reject) => {
    spsp.once('error', reject)
    spsp.listen(args['spsp-port'], '127.0.0.1', resolve)
  })
  const spspUrl = `http://127.0.0.1:${spsp.address().port}/`
  console.log(`RECEIVER READY address=${address} spsp=${spspUrl}`)

  const timer = setTimeout(() => {
    console.log(`receiver: timeout after ${args.timeout}s, RECEIVED_TOTAL=${total}`)
    shutdown(expect > 0n ? 1 : 0)
  }, args.timeout * 1000)

  let closing = false
  async function shutdown (code) {
    if (closing) return
    closing = true
    clearTimeout(timer)
    setTimeout(() => process.exit(code), 1500).unref() // closing must not hang the test
    spsp.close()
    try { await server.close() } catch (e) { console.error('receiver: close', e.message) }
    try { await plugin.disconnect() } catch (e) { console.error('receiver: disconnect', e.message) }
    process.exit(code)
  }
  process.on('SIGTERM', () => shutdown(expect > 0n && total < expect ? 1 : 0))
  process.on('SIGINT', () => shutdown(1))
}

main().catch((e) => { console.error('receiver: FAILED', e); process.exit(1) })
