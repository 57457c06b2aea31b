#!/usr/bin/env node
'use strict'
// STREAM sender behind a BTP link: SPSP query (ilp-protocol-spsp), then one STREAM connection
// (ilp-protocol-stream createConnection, which fetches its own address by IL-DCP) and
// sendTotal(--amount). Prints "SENT_TOTAL=<n> DELIVERED=<n>" and exits 0 on success, and
// "RECEIVED_DATA=<utf-8>" when the receiver sent data back on the stream.
//
//   --btp URL     btp+ws://user:token@127.0.0.1:PORT/btp
//   --spsp URL    http://127.0.0.1:N/ of the receiver
//   --amount N    source units to send
//   --timeout S   bound for the whole payment
//   --report      also print "PACKETS fulfillable=N paid=N fulfills=N rejects=CODE:n,..
//                 probe_rejects=CODE:n,.." (at exit, also on failure): what the plugin saw for
//                 Prepares whose condition fits the STREAM fulfillment (fulfillable) and for the
//                 others (probes); paid = fulfills of non-zero amounts
//   --receipts    ask for receipts (RFC 39: Receipt-Nonce/Receipt-Secret headers on the SPSP
//                 query), verify the last one and print "RECEIPT verified=true total=N"
require('./lib/node20-stream-shim')
const BtpPlugin = require('ilp-plugin-btp')
const SPSP = require('ilp-protocol-spsp')
const crypto = require('crypto')
const IlpPacket = require('ilp-packet')
const { createConnection, verifyReceipt } = require('ilp-protocol-stream')
const { assertLoopback, redact, connectWithin } = require('./lib/loopback')

const args = require('./lib/args')(process.argv.slice(2), {
  btp: 'btp+ws://sender:sender-token@127.0.0.1:9080/btp',
  spsp: 'http://127.0.0.1:7790/',
  amount: '1000000',
  timeout: 60,
  report: false,
  receipts: false
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

  const receipt = args.receipts
    ? { nonce: crypto.randomBytes(16), secret: crypto.randomBytes(32) } : null
  const details = receipt ? await queryWithReceipts(args.spsp, receipt) : await SPSP.query(args.spsp)
  console.log(`sender: SPSP destination ${details.destination_account}`)
  if (args.report) {
    tally(plugin, Buffer.from(details.shared_secret, 'base64'))
  }
  const started = Date.now()
  const conn = await createConnection({
    plugin,
    destinationAccount: details.destination_account,
    sharedSecret: Buffer.from(details.shared_secret, 'base64')
  })
  console.log(`sender: STREAM open, source ${conn.sourceAccount}`)
  const stream = conn.createStream()
  const received = []
  stream.on('data', (chunk) => received.push(chunk))
  stream.write('hello from the JS STREAM sender')
  await stream.sendTotal(String(args.amount), { timeout: args.timeout * 1000 })
  console.log(`SENT_TOTAL=${stream.totalSent} DELIVERED=${conn.totalDelivered} ms=${Date.now() - started}`)
  await new Promise((resolve) => setImmediate(resolve)) // data of the last reply
  if (received.length > 0) console.log(`RECEIVED_DATA=${Buffer.concat(received).toString('utf8')}`)
  if (receipt) {
    if (!stream.receipt) {
      console.log('RECEIPT none')
    } else {
      const verified = verifyReceipt(stream.receipt, receipt.secret)
      console.log(`RECEIPT verified=true total=${verified.totalReceived.toString()}`)
    }
  }
  await conn.end()
  await plugin.disconnect()
  clearTimeout(hardStop)
  process.exit(stream.totalSent === String(args.amount) ? 0 : 1)
}

// RFC 39: the SPSP query carries the nonce and secret the receiver's receipts are made with
async function queryWithReceipts (url, receipt) {
  const response = await fetch(url, {
    headers: {
      accept: 'application/spsp4+json',
      'receipt-nonce': receipt.nonce.toString('base64'),
      'receipt-secret': receipt.secret.toString('base64')
    }
  })
  if (response.status !== 200) {
    throw new Error(`SPSP query ${url}: HTTP ${response.status} ${await response.text()}`)
  }
  return response.json()
}

// Counts what the plugin gets back per Prepare. A Prepare is fulfillable when its condition is
// SHA-256 of the STREAM fulfillment (RFC 29: HMAC-SHA256 of the data under the key
// HMAC-SHA256(shared secret, "ilp_stream_fulfillment")); the sender's rate probes are not.
const counts = { fulfillable: 0, paid: 0, fulfills: 0, rejects: {}, probeRejects: {} }
function tally (plugin, sharedSecret) {
  const key = crypto.createHmac('sha256', sharedSecret).update('ilp_stream_fulfillment').digest()
  const send = plugin.sendData.bind(plugin)
  plugin.sendData = async (data) => {
    const prepare = IlpPacket.deserializeIlpPrepare(data)
    const fulfillment = crypto.createHmac('sha256', key).update(prepare.data).digest()
    const fulfillable = crypto.createHash('sha256').update(fulfillment).digest()
      .equals(prepare.executionCondition)
    if (fulfillable) counts.fulfillable++
    const reply = await send(data)
    if (reply[0] === IlpPacket.Type.TYPE_ILP_FULFILL) {
      counts.fulfills++
      if (prepare.amount !== '0') counts.paid++
    } else if (reply[0] === IlpPacket.Type.TYPE_ILP_REJECT) {
      const code = IlpPacket.deserializeIlpReject(reply).code
      const bucket = fulfillable ? counts.rejects : counts.probeRejects
      bucket[code] = (bucket[code] || 0) + 1
    }
    return reply
  }
  process.on('exit', () => {
    const list = (m) => Object.entries(m).map(([c, n]) => `${c}:${n}`).join(',')
    console.log(`PACKETS fulfillable=${counts.fulfillable} paid=${counts.paid}` +
      ` fulfills=${counts.fulfills} rejects=${list(counts.rejects)}` +
      ` probe_rejects=${list(counts.probeRejects)}`)
  })
}

main().catch((e) => { console.error('sender: FAILED', e); process.exit(1) })
