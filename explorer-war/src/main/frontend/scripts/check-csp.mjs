// Fails the build when the console would break its own Content-Security-Policy
// (default-src 'self'): an inline <script> or <style>, an inline event handler, a script from
// another origin in the built index.html, or dangerouslySetInnerHTML anywhere in the sources.
import { readFileSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

const out = process.env.EXPLORER_OUT_DIR ?? 'dist'
const html = readFileSync(join(out, 'index.html'), 'utf8')
const problems = []
for (const tag of html.match(/<script\b[^>]*>[\s\S]*?<\/script>/gi) ?? []) {
  if (!/\ssrc="\.\/assets\/[^"]+\.js"/.test(tag)) problems.push(`script not from ./assets: ${tag}`)
  if (!/^<script[^>]*><\/script>$/.test(tag)) problems.push(`inline script: ${tag}`)
}
if (!/<script type="module"/.test(html)) problems.push('no <script type="module"> in index.html')
if (/<style\b/i.test(html)) problems.push('inline <style> in index.html')
if (/\son[a-z]+=/i.test(html)) problems.push('inline event handler in index.html')

function walk (dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) walk(path)
    else if (/\.(tsx?|jsx?)$/.test(name) && readFileSync(path, 'utf8').includes('dangerouslySetInner' + 'HTML')) {
      problems.push(`${path} uses dangerouslySetInnerHTML: render strangers' text as text`)
    }
  }
}
walk('src')

if (problems.length > 0) {
  console.error('check-csp: the built console would break its CSP:\n  ' + problems.join('\n  '))
  process.exit(1)
}
console.log(`check-csp: ${out}/index.html loads only ./assets scripts; no inline script or style`)
