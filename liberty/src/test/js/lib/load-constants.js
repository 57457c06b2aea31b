'use strict'
// Shared by load-gen.js and load-sink.js: one fixed fulfillment, so the sink can fulfill every
// Prepare without per-packet state, and the connector still has a real condition to check.
const crypto = require('crypto')
const FULFILLMENT = crypto.createHash('sha256').update('ilp-connector-bench-fulfillment').digest()
const CONDITION = crypto.createHash('sha256').update(FULFILLMENT).digest()
module.exports = { FULFILLMENT, CONDITION }
