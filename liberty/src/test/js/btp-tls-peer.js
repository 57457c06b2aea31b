#!/usr/bin/env node
'use strict'
// A BTP peer over TLS (btp+wss): ilp-plugin-btp in server mode on a Node https server, bound to
// 127.0.0.1. It answers every ILP Prepare itself: a Fulfill when the condition is
// SHA-256(--fulfillment), else a Reject F99 triggered by --address. Prints
//   TLS_PEER READY port=N                 once listening
//   TLS_PEER TLS protocol=TLSv1.3 ...     per completed TLS handshake
//   TLS_PEER TLS_CLIENT_ERROR ...         per refused/failed handshake (e.g. the client
//                                         does not trust our certificate)
//   TLS_PEER CONNECTED                    per authenticated BTP session
//   TLS_PEER PREPARE ... tls=TLSv1.3      per Prepare answered
// Exits after --timeout seconds or on SIGTERM.
//
//   --port N            TCP port on 127.0.0.1
//   --secret S          the auth_token clients must present
//   --pfx PATH          PKCS#12 file with the server key and certificate chain
//   --passphrase P      its password
//   --fulfillment HEX   32 bytes
//   --address A         ILP address named in our Rejects
//   --timeout S         lifetime bound
const fs = require('fs')
const https = require('https')
const crypto = require('crypto')
const BtpPlugin = require('ilp-plugin-btp')
const IlpPacket = require('ilp-packet')

const args = require('./lib/args')(process.argv.slice(2), {
  port: 0,
  secret: 'tls-secret',
  pfx: '',
  passphrase: '',
  fulfillment: '',
  address: 'test.tls',
  timeout: 300
})
const FULFILLMENT = Buffer.from(args.fulfillment, 'hex')
if (FULFILLMENT.length !== 32) throw new Error('--fulfillment must be 32 bytes of hex')
const CONDITION = crypto.createHash('sha256').update(FULFILLMENT).digest()

const server = https.createServer({
  pfx: fs.readFileSync(args.pfx),
  passphrase: args.passphrase
})
// The plugin calls server.listen(port) itself, which would bind every interface: loopback only.
const listen = server.listen.bind(server)
server.listen = (port) => listen(port, '127.0.0.1')
server.on('listening', () => console.log(`TLS_PEER READY port=${server.address().port}`))
server.on('secureConnection', (socket) => {
  console.log(`TLS_PEER TLS protocol=${socket.getProtocol()} cipher=${socket.getCipher().name}`)
})
server.on('tlsClientError', (err) => {
  console.log(`TLS_PEER TLS_CLIENT_ERROR code=${err.code} message="${err.message.trim()}"`)
})
server.on('request', (req, res) => { res.statusCode = 426; res.end() })

const plugin = new BtpPlugin({
  listener: { port: args.port, secret: args.secret, wsOpts: { server } }
})
// TLS version of the latest WebSocket upgrade (the plugin serves one BTP session at a time)
let lastTls = 'none'
server.on('upgrade', (req) => { lastTls = req.socket.getProtocol() })
plugin.registerDataHandler(async (data) => {
  const prepare = IlpPacket.deserializeIlpPrepare(data)
  const ok = prepare.executionCondition.equals(CONDITION)
  console.log(`TLS_PEER PREPARE destination=${prepare.destination} amount=${prepare.amount}` +
    ` answer=${ok ? 'fulfill' : 'reject'} tls=${lastTls}`)
  if (ok) return IlpPacket.serializeIlpFulfill({ fulfillment: FULFILLMENT, data: Buffer.alloc(0) })
  return IlpPacket.serializeIlpReject({
    code: 'F99',
    triggeredBy: args.address,
    message: 'tls peer: unknown condition',
    data: Buffer.alloc(0)
  })
})
plugin.on('connect', () => console.log('TLS_PEER CONNECTED'))
// In server mode connect() starts the listener and resolves at the first authenticated session
// (then 'connect' fires too); a session lost before that rejects it, the listener stays up.
plugin.connect().catch((e) => console.log(`TLS_PEER FIRST_SESSION_LOST ${e.message}`))

const stop = (why) => { console.log(`tls peer: ${why}`); process.exit(0) }
setTimeout(() => stop('timeout'), args.timeout * 1000)
process.on('SIGTERM', () => stop('SIGTERM'))
process.on('SIGINT', () => stop('SIGINT'))
