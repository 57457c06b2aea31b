#!/usr/bin/env node
'use strict'
// A merchant's business logic for the agent ITs (docs/agent.md, the seed's API), with a mode
// that says how it answers POST /handle-payment (--mode, or per payment the "mode" query
// parameter of the SPSP query, which payment-setup turns into metadata):
//
//   accept          {accept: true}
//   data:TEXT       {accept: true, data: base64(TEXT)}: TEXT goes back to the sender
//   reject:CODE     {accept: false, rejectReason: {code: CODE, message: ...}}
//   slow:MS         {accept: true}, MS milliseconds late
//   status:500      HTTP 500 (any status)
//   garbage         HTTP 200 with a body that is not the API's JSON
//   down            --mode down: listens on no port at all (the agent's calls are refused);
//                   per payment: drops the connection without an answer
//
// POST /payment-setup (--setup): allow (metadata = the query parameters, except "deny=1" which
// is refused), absent (404), garbage, status:500.
// GET /health: 200 {"status":"UP"}, or 503 in mode status:NNN.
//
// Prints "BUSINESS LOGIC READY url=http://127.0.0.1:N" once listening (in mode down, the URL of a
// port nobody listens on), and one line per call: "HANDLE_PAYMENT <request json>",
// "PAYMENT_SETUP <request json>".
const http = require('http')

const args = require('./lib/args')(process.argv.slice(2), {
  port: 0,
  mode: 'accept',
  setup: 'allow'
})
const mode = args.mode

function send (res, status, body) {
  const text = typeof body === 'string' ? body : JSON.stringify(body)
  res.writeHead(status, { 'content-type': 'application/json' })
  res.end(text)
}

function answer (m, res) {
  if (m === 'accept') return send(res, 200, { accept: true })
  if (m.startsWith('data:')) {
    return send(res, 200, { accept: true, data: Buffer.from(m.slice('data:'.length)).toString('base64') })
  }
  if (m.startsWith('reject:')) {
    const code = m.slice('reject:'.length)
    return send(res, 200, { accept: false, rejectReason: { code, message: `refused: ${code}` } })
  }
  if (m.startsWith('slow:')) {
    return setTimeout(() => send(res, 200, { accept: true }), Number(m.slice('slow:'.length)))
  }
  if (m.startsWith('status:')) return send(res, Number(m.slice('status:'.length)), { error: 'x' })
  if (m === 'garbage') return send(res, 200, '<html>not the API</html>')
  if (m === 'down') return res.socket.destroy()
  send(res, 500, { error: `unknown mode ${m}` })
}

function setup (request, res) {
  if (args.setup === 'absent') return send(res, 404, { error: 'no payment-setup here' })
  if (args.setup === 'garbage') return send(res, 200, '{"allow": "maybe"')
  if (args.setup.startsWith('status:')) return send(res, Number(args.setup.slice(7)), {})
  const query = request.queryParams || {}
  if (query.deny === '1') return send(res, 200, { allow: false })
  send(res, 200, { allow: true, metadata: query })
}

const server = http.createServer((req, res) => {
  let body = ''
  req.setEncoding('utf8')
  req.on('data', (chunk) => { body += chunk })
  req.on('end', () => {
    if (req.method === 'POST' && req.url === '/handle-payment') {
      console.log(`HANDLE_PAYMENT ${body}`)
      let request
      try {
        request = JSON.parse(body)
      } catch (e) {
        return send(res, 400, { error: 'not JSON' })
      }
      return answer((request.metadata && request.metadata.mode) || mode, res)
    }
    if (req.method === 'POST' && req.url === '/payment-setup') {
      console.log(`PAYMENT_SETUP ${body}`)
      let request
      try {
        request = JSON.parse(body)
      } catch (e) {
        return send(res, 400, { error: 'not JSON' })
      }
      return setup(request, res)
    }
    if (req.method === 'GET' && req.url === '/health') {
      return mode.startsWith('status:') ? send(res, 503, { status: 'DOWN' })
        : send(res, 200, { status: 'UP' })
    }
    send(res, 404, { error: 'not found' })
  })
})
server.keepAliveTimeout = 60000

server.listen(args.port, '127.0.0.1', () => {
  const url = `http://127.0.0.1:${server.address().port}`
  if (mode === 'down') {
    // a port that was free a moment ago and that nobody listens on now
    server.close(() => console.log(`BUSINESS LOGIC READY url=${url} mode=down`))
    setInterval(() => {}, 1 << 30)
    return
  }
  console.log(`BUSINESS LOGIC READY url=${url} mode=${mode} setup=${args.setup}`)
})

process.on('SIGTERM', () => process.exit(0))
