'use strict'
// Minimal "--name value" / "--flag" parser. Every option must have a default in `spec`; an
// unknown option is an error (so a typo in a test's command line fails fast instead of being
// ignored). Values are coerced to the type of their default (number, boolean, string).
module.exports = function parseArgs (argv, spec) {
  const out = Object.assign({}, spec)
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]
    if (!arg.startsWith('--')) throw new Error(`unexpected argument ${arg}`)
    const name = arg.slice(2)
    if (!(name in spec)) throw new Error(`unknown option --${name}`)
    const next = argv[i + 1]
    const hasValue = next !== undefined && !next.startsWith('--')
    if (typeof spec[name] === 'boolean') {
      out[name] = hasValue ? (argv[++i] === 'true') : true
    } else {
      if (!hasValue) throw new Error(`option --${name} needs a value`)
      const raw = argv[++i]
      out[name] = typeof spec[name] === 'number' ? Number(raw) : raw
      if (typeof spec[name] === 'number' && !Number.isFinite(out[name])) {
        throw new Error(`option --${name} wants a number, got ${raw}`)
      }
    }
  }
  return out
}
