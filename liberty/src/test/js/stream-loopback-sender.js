#!/usr/bin/env node
'use strict'
// The reference STREAM sender (ilp-protocol-stream createConnection) paying through a loopback
// plugin: every ILP Prepare goes to stdout as "PREPARE <id> <hex>", the answer comes back on
// stdin as "REPLY <id> <hex>" (the Java test answers with its STREAM receiver). At the end one
// line "RESULT <json>" with what the library saw, receipts checked with its own verifyReceipt.
// stdout carries only these lines; logs go to stderr.
require('./lib/node20-stream-shim')
const readline = require('readline')
const { createConnection, verifyReceipt } = require('ilp-protocol-stream')

const args = require('./lib/args')(process.argv.slice(2), {
  destination: '',
  secret: '', // base64
  amount: '300000',
  receiptSecret: '', // hex; empty: no receipts expected
  timeout: 60
})

const pending = new Map()
let nextId = 0
const lines = readline.createInterface({ input: process.stdin })
lines.on('line', (line) => {
  const [tag, id, hex] = line.trim().split(' ')
  const resolve = pending.get(id)
  if (tag !== 'REPLY' || !resolve) {
    console.error(`loopback: unexpected line ${line}`)
    process.exit(3)
  }
  pending.delete(id)
  resolve(Buffer.from(hex || '', 'hex'))
})

const plugin = {
  connect: async () => {},
  disconnect: async () => {},
  isConnected: () => true,
  sendData: (data) => new Promise((resolve) => {
    const id = String(nextId++)
    pending.set(id, resolve)
    process.stdout.write(`PREPARE ${id} ${data.toString('hex')}\n`)
  }),
  sendMoney: async () => {},
  registerDataHandler: () => {},
  deregisterDataHandler: () => {},
  registerMoneyHandler: () => {},
  deregisterMoneyHandler: () => {}
}

async function main () {
  const hardStop = setTimeout(() => {
    console.error('loopback: hard timeout')
    process.exit(2)
  }, (args.timeout + 5) * 1000)
  const conn = await createConnection({
    plugin,
    destinationAccount: args.destination,
    sharedSecret: Buffer.from(args.secret, 'base64')
  })
  const stream = conn.createStream()
  stream.write('hello from the JS STREAM sender')
  await stream.sendTotal(String(args.amount), { timeout: args.timeout * 1000 })
  const result = {
    sent: String(stream.totalSent),
    delivered: String(conn.totalDelivered),
    destinationAssetCode: conn.destinationAssetCode,
    destinationAssetScale: conn.destinationAssetScale
  }
  if (args.receiptSecret) {
    const receipt = stream.receipt
    if (!receipt) throw new Error('no receipt received')
    const verified = verifyReceipt(receipt, Buffer.from(args.receiptSecret, 'hex'))
    result.receiptStreamId = String(verified.streamId)
    result.receiptTotal = verified.totalReceived.toString()
  }
  await conn.end()
  process.stdout.write(`RESULT ${JSON.stringify(result)}\n`)
  clearTimeout(hardStop)
  process.exit(0)
}

main().catch((e) => { console.error('loopback: FAILED', e); process.exit(1) })
