#!/usr/bin/env node
// Runs `npm ci` only when package-lock.json changed since the last successful run (every
// reactor build passes through this module; a fresh install costs ~10 s).
'use strict'
const crypto = require('crypto')
const fs = require('fs')
const path = require('path')
const { execFileSync } = require('child_process')

const root = path.resolve(__dirname, '..')
const stamp = path.join(root, 'node_modules', '.ilp-lock.sha256')
const lock = crypto.createHash('sha256')
  .update(fs.readFileSync(path.join(root, 'package-lock.json'))).digest('hex')
const installed = fs.existsSync(stamp) ? fs.readFileSync(stamp, 'utf8').trim() : ''
if (installed === lock) {
  console.log('node_modules matches package-lock.json')
} else {
  const npm = process.env.NPM || 'npm'
  execFileSync(npm, ['ci', '--no-audit', '--no-fund', '--loglevel=error'],
    { cwd: root, stdio: 'inherit' })
  fs.writeFileSync(stamp, lock + '\n')
}
