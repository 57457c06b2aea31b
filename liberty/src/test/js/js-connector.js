#!/usr/bin/env node
'use strict'
// Starts the reference JavaScript connector (ilp-connector 23.0.2) on 127.0.0.1 with the
// accounts the interop tests and the benchmark need, then prints "JS_CONNECTOR READY ...".
//
//   --address test.conn        the connector's own ILP address
//   --admin-port N             its admin API on 127.0.0.1 (0 = off)
//   --mini-port N              a child account "mini" (ilp-plugin-mini-accounts): any user:token
//                              connects and is test.conn.mini.<user>; for JS STREAM endpoints
//   --max-packet-amount N      maxPacketAmount of "mini" (and of the peer account)
//   --peer-id ID --peer-port N --peer-secret S
//                              an account of relation "peer" (ilp-plugin-btp server) that the
//                              Java connector dials into
//   --dial-id ID --dial-url btp+ws://:secret@127.0.0.1:N
//                              an account of relation "peer" that dials out (ilp-plugin-btp
//                              client): lets a second JS connector stand in for ours when
//                              the test topology itself is checked
//   --peer-ccp                 exchange CCP (RFC 10) routes with the peer account (off by
//                              default: then only --routes reach the peer)
//   --ccp-interval-ms N        routeBroadcastInterval: the longest a changed route waits before
//                              it is sent to the peer, and the resend period (default 30000)
//   --routes "p1=acct,p2=acct" static routes
//   --loadsrc-port N --loadsink-port N
//                              child accounts loadsrc / loadsink (ilp-plugin-btp servers, tokens
//                              loadsrc-secret / loadsink-secret) for the load benchmark
//   --timeout S                hard upper bound on the lifetime (the test or script ends it first)
const { assertLoopback } = require('./lib/loopback')
const args = require('./lib/args')(process.argv.slice(2), {
  address: 'test.conn',
  'admin-port': 0,
  'mini-port': 0,
  'max-packet-amount': '100000',
  'peer-id': 'java',
  'peer-port': 0,
  'peer-secret': 'javapeer-secret',
  'peer-asset-scale': 9,
  routes: '',
  'loadsrc-port': 0,
  'loadsink-port': 0,
  'dial-id': 'conn',
  'dial-url': '',
  'peer-ccp': false,
  'ccp-interval-ms': 30000,
  timeout: 600
})

// The connector's default is 10,000 packets per 60 s per account; that would throttle every
// load run and a long STREAM payment, so it is lifted for all accounts.
const RATE_LIMIT = { refillCount: 100000000, refillPeriod: 1000, capacity: 100000000 }

function btpServer (port, secret) {
  // ilp-plugin-btp hands listener.wsOpts to the ws server: bind to loopback only.
  return { listener: { port, secret, wsOpts: { host: '127.0.0.1', port } } }
}

function account (relation, plugin, options, extra) {
  return Object.assign({
    relation, plugin, assetCode: 'XRP', assetScale: 9, rateLimit: RATE_LIMIT, options
  }, extra || {})
}

function accounts () {
  const out = {}
  if (args['mini-port']) {
    out.mini = account('child', 'ilp-plugin-mini-accounts',
      { wsOpts: { host: '127.0.0.1', port: args['mini-port'] } },
      { maxPacketAmount: String(args['max-packet-amount']) })
  }
  if (args['peer-port']) {
    out[args['peer-id']] = account('peer', 'ilp-plugin-btp',
      btpServer(args['peer-port'], args['peer-secret']),
      {
        maxPacketAmount: String(args['max-packet-amount']),
        assetScale: args['peer-asset-scale'],
        sendRoutes: args['peer-ccp'],
        receiveRoutes: args['peer-ccp']
      })
  }
  if (args['dial-url']) {
    out[args['dial-id']] = account('peer', 'ilp-plugin-btp', { server: assertLoopback(args['dial-url']) },
      {
        maxPacketAmount: String(args['max-packet-amount']),
        sendRoutes: args['peer-ccp'],
        receiveRoutes: args['peer-ccp']
      })
  }
  if (args['loadsrc-port']) {
    out.loadsrc = account('child', 'ilp-plugin-btp', btpServer(args['loadsrc-port'], 'loadsrc-secret'))
  }
  if (args['loadsink-port']) {
    out.loadsink = account('child', 'ilp-plugin-btp',
      btpServer(args['loadsink-port'], 'loadsink-secret'))
  }
  if (Object.keys(out).length === 0) throw new Error('no account configured')
  return out
}

function routes () {
  if (!args.routes) return []
  return args.routes.split(',').map((entry) => {
    const [targetPrefix, peerId] = entry.split('=')
    if (!targetPrefix || !peerId) throw new Error(`bad --routes entry ${entry}, want prefix=account`)
    return { targetPrefix, peerId }
  })
}

async function main () {
  const hardStop = setTimeout(() => {
    console.error(`js-connector: lifetime of ${args.timeout}s over, exiting`)
    process.exit(0)
  }, args.timeout * 1000)
  hardStop.unref()
  setTimeout(() => {}, args.timeout * 1000) // keeps the event loop alive until then at most

  for (const p of ['mini-port', 'peer-port', 'loadsrc-port', 'loadsink-port']) {
    if (args[p]) assertLoopback(`ws://127.0.0.1:${args[p]}`)
  }
  const { createApp } = require('ilp-connector')
  const connector = createApp({
    ilpAddress: args.address,
    // 'ecb' (the default) fetches exchange rates from the internet: never here.
    backend: 'one-to-one',
    spread: 0,
    store: 'memory',
    accounts: accounts(),
    routes: routes(),
    // stays on: the connector installs the routes of its own (child) accounts only in
    // the route broadcaster's start(). CCP towards the peer account is set per account.
    routeBroadcastEnabled: true,
    routeBroadcastInterval: args['ccp-interval-ms'],
    initialConnectTimeout: 1500,
    adminApi: args['admin-port'] > 0,
    adminApiHost: '127.0.0.1',
    adminApiPort: args['admin-port'] || 7780
  })
  await connector.listen()
  console.log(`JS_CONNECTOR READY address=${args.address} accounts=${Object.keys(accounts()).join(',')}`)

  let stopping = false
  const stop = async () => {
    if (stopping) return
    stopping = true
    setTimeout(() => process.exit(0), 2000).unref() // never hang in shutdown
    try { await connector.shutdown() } catch (e) { console.error('js-connector: shutdown', e.message) }
    process.exit(0)
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

main().catch((e) => { console.error('js-connector: FAILED', e); process.exit(1) })
