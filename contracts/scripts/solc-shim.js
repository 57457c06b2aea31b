#!/usr/bin/env node
// Stands in for a native solc so forge works offline (it cannot download one here): answers
// `--version` and `--standard-json` (input on stdin, output on stdout) with solc-js from
// node_modules. foundry.toml's `solc` points here.
'use strict'
const fs = require('fs')
const path = require('path')
const solc = require(path.join(__dirname, '..', 'node_modules', 'solc'))

const args = process.argv.slice(2)
if (args.includes('--version')) {
  // forge reads the version from this line; solc-js reports an Emscripten build.
  const version = solc.version().replace('Emscripten.clang', 'Linux.g++')
  process.stdout.write('solc, the solidity compiler commandline interface\nVersion: ' + version + '\n')
  process.exit(0)
}
if (!args.includes('--standard-json')) {
  process.stderr.write('solc-shim: only --version and --standard-json are supported\n')
  process.exit(2)
}

// forge sends every source in the input; imports it missed resolve against the given paths.
const roots = []
args.forEach((a, i) => {
  if (['--base-path', '--include-path', '--allow-paths'].includes(a) && args[i + 1]) {
    roots.push(...args[i + 1].split(','))
  }
})
roots.push(process.cwd())
function findImports (p) {
  for (const r of roots) {
    const f = path.resolve(r, p)
    if (fs.existsSync(f)) return { contents: fs.readFileSync(f, 'utf8') }
  }
  return { error: 'not found: ' + p }
}
process.stdout.write(solc.compile(fs.readFileSync(0, 'utf8'), { import: findImports }))
