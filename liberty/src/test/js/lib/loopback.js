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


// ilp-plugin-btp's client retries a refused or failed WebSocket forever; a test wants a clear
// failure instead. Resolves when the plugin is connected (BTP auth done), else exits 4.
async function connectWithin (plugin, url, seconds = 30) {
  let timer
  const timeout = new Promise((resolve, reject) => {
    timer = setTimeout(() => reject(new Error(
      `no BTP session with ${redact(url)} within ${seconds}s (refused, wrong token or no /btp?)`)),
    seconds * 1000)
  })
  try {
    await Promise.race([plugin.connect(), timeout])
  } catch (e) {
    console.error(e.message)
    process.exit(4)
  } finally {
    clearTimeout(timer)
  }
}

module.exports = { assertLoopback, redact, connectWithin }
