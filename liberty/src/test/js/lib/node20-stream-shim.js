'use strict'
// ilp-protocol-stream <= 2.7.1 (and the 1.x copy nested inside ilp-protocol-spsp) assigns
// `this.closed` in DataAndMoneyStream's constructor. Since Node 18, stream.Readable defines
// `closed` as a getter without a setter, so constructing a stream throws
// "Cannot set property closed of #<Readable> which has only a getter".
// Giving DataAndMoneyStream.prototype its own accessor pair shadows the Readable getter.
// Load this module before creating any STREAM connection (or `node -r ./lib/node20-stream-shim.js`).
const fs = require('fs')
const path = require('path')

const NODE_MODULES = path.join(__dirname, '..', 'node_modules')
const CANDIDATES = [
  'ilp-protocol-stream/dist/src/stream.js',
  'ilp-protocol-spsp/node_modules/ilp-protocol-stream/dist/src/stream.js',
  'ilp-protocol-spsp/node_modules/ilp-protocol-stream/src/stream.js'
]

function patch (file) {
  const { DataAndMoneyStream } = require(file)
  if (!DataAndMoneyStream) return 'no DataAndMoneyStream'
  if (Object.getOwnPropertyDescriptor(DataAndMoneyStream.prototype, 'closed')) return 'not needed'
  Object.defineProperty(DataAndMoneyStream.prototype, 'closed', {
    configurable: true,
    get () { return this._shimClosed === true },
    set (value) { this._shimClosed = Boolean(value) }
  })
  return 'patched'
}

const result = {}
for (const rel of CANDIDATES) {
  const file = path.join(NODE_MODULES, rel)
  if (fs.existsSync(file)) result[rel] = patch(file)
}
if (!result[CANDIDATES[0]]) throw new Error('ilp-protocol-stream not found under ' + NODE_MODULES)
module.exports = result
