#!/usr/bin/env node
// Compiles src/*.sol with solc-js into one {contractName, abi, bytecode} JSON per contract, the
// form the Java side (ContractJson) loads. Usage: node scripts/compile.js <outDir>
// Settings match foundry.toml (cancun: the default osaka is ahead of Base; optimizer 200 runs),
// so the bytecode the tests deploy is the bytecode forge tested.
'use strict'
const fs = require('fs')
const path = require('path')
const solc = require('solc')

const crypto = require('crypto')

const root = path.resolve(__dirname, '..')
const outDir = path.resolve(process.argv[2] || path.join(root, 'target', 'contracts'))
const srcDir = path.join(root, 'src')

const sources = {}
for (const f of fs.readdirSync(srcDir).filter((f) => f.endsWith('.sol')).sort()) {
  sources['src/' + f] = { content: fs.readFileSync(path.join(srcDir, f), 'utf8') }
}

// Skip when sources, lockfile and this script are unchanged since the last compile into outDir.
const hash = crypto.createHash('sha256')
for (const [file, s] of Object.entries(sources)) hash.update(file + '\0' + s.content + '\0')
hash.update(fs.readFileSync(path.join(root, 'package-lock.json')))
hash.update(fs.readFileSync(__filename))
const digest = hash.digest('hex')
const stamp = path.join(root, 'target', 'solc-js.sha256')
if (fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8').trim() === digest + ' ' + outDir) {
  console.log('contracts unchanged since the last compile into ' + outDir)
  process.exit(0)
}
const input = {
  language: 'Solidity',
  sources,
  settings: {
    evmVersion: 'cancun',
    optimizer: { enabled: true, runs: 200 },
    outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object'] } }
  }
}

// Imports resolve against the project root (./src/...) and node_modules (@openzeppelin/...).
function findImports (p) {
  for (const base of [root, path.join(root, 'node_modules')]) {
    const f = path.join(base, p)
    if (fs.existsSync(f)) return { contents: fs.readFileSync(f, 'utf8') }
  }
  return { error: 'not found: ' + p }
}

const output = JSON.parse(solc.compile(JSON.stringify(input), { import: findImports }))
const problems = output.errors || []
for (const e of problems) process.stderr.write(e.formattedMessage + '\n')
if (problems.some((e) => e.severity === 'error')) process.exit(1)

fs.mkdirSync(outDir, { recursive: true })
let count = 0
for (const [file, contracts] of Object.entries(output.contracts)) {
  if (!file.startsWith('src/')) continue
  for (const [name, c] of Object.entries(contracts)) {
    const json = { contractName: name, abi: c.abi, bytecode: '0x' + c.evm.bytecode.object }
    fs.writeFileSync(path.join(outDir, name + '.json'), JSON.stringify(json, null, 1) + '\n')
    count++
  }
}
fs.mkdirSync(path.dirname(stamp), { recursive: true })
fs.writeFileSync(stamp, digest + ' ' + outDir + '\n')
console.log('compiled ' + count + ' contracts with solc ' + solc.version() + ' into ' + outDir)
