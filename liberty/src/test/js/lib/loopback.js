'use strict'
// Every script here talks to 127.0.0.0/8 only (CI and benchmarks must never send traffic
// elsewhere). Call assertLoopback(url) on each URL taken from the command line.
const LOOPBACK = /^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|localhost|\[::1\])$/

function assertLoopback (url) {
  const host = new URL(url.replace(/^btp\+/, '')).hostname
  if (!LOOPBACK.test(host)) {
    console.error(`refusing non-loopback target ${host}`)
    process.exit(2)
  }
  return url
}

// "btp+ws://user:secret@host/p" -> "btp+ws://user:***@host/p" for log lines
function redact (url) {
  return url.replace(/(\/\/[^:/@]*:)[^@/]*@/, '$1***@')
}

module.exports = { assertLoopback, redact }
