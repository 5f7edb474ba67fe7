// Bench: what redact() costs per answer body, and whether it changes a body that holds no secret. Redaction runs on
// every answer (tests/support/record.ts; docs/vitest-facts.md §1.8), so a change to core/secrets.ts or
// core/secret-view.ts is measured here before and after.
//  - cost: every body of the given folders (default fixtures/wire/) redacted with a JWT and a password as the run's
//    secrets, process CPU per body after a warm-up, in rounds (the median and the spread are printed);
//  - false positives: each body redacted with many random secrets (JWTs, opaque tokens, random and word-like
//    passwords): how many (body, secrets) pairs came out changed — none should.
// Figures only, nothing asserted. Run: `npx tsx bench/redact-bodies.ts [folder…]`; REDACT_MODULE=/path/to/core/secrets.ts
// measures another copy of the code (the same bodies, the same secrets) for a before/after comparison.
import { readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { issueToken } from '../fixtures/reference/jwt.ts'
import { load, median, ROOT } from './support.ts'

type Redact = (text: string, secrets: readonly string[]) => string

const WARMUP = Number(process.env.BENCH_WARMUP ?? 2000)
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5)
const PER_ROUND = Number(process.env.BENCH_PER_ROUND ?? 2000)
const RANDOM_SETS = Number(process.env.BENCH_RANDOM_SETS ?? 400)

function bodies(folders: readonly string[]): Array<[string, string]> {
  return folders.flatMap((folder) =>
    readdirSync(folder)
      .filter((f) => /\.(json|txt)$/.test(f))
      .map((f): [string, string] => [f, readFileSync(join(folder, f), 'utf8')]),
  )
}

/** A seeded generator: the same secrets on every run. */
function seeded(seed: number): () => number {
  let x = seed >>> 0
  return () => {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0
    return x / 2 ** 32
  }
}

/** A random secret of one of the kinds a run has: a JWT, an opaque token, a random or a word-like password. */
function randomSecret(rng: () => number): string {
  const pick = (alphabet: string, length: number): string => Array.from({ length }, () => alphabet[Math.floor(rng() * alphabet.length)]).join('')
  const kind = Math.floor(rng() * 4)
  if (kind === 0) return `Bearer ${issueToken(1 + Math.floor(rng() * 9999), { secret: String(rng()), claims: { iat: 1_796_400_000 } })}`
  if (kind === 1) return Buffer.from(Array.from({ length: 16 + Math.floor(rng() * 24) }, () => Math.floor(rng() * 256))).toString('base64url')
  if (kind === 2) return pick('abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789-_.!@#', 10 + Math.floor(rng() * 16))
  const words = ['harena', 'demo', 'finance', 'budget', 'carrefour', 'netflix', 'transaction', 'montant', 'compte', 'salaire']
  return `${words[Math.floor(rng() * words.length)]}-${words[Math.floor(rng() * words.length)]}${rng() < 0.5 ? String(Math.floor(rng() * 100)) : ''}`
}

async function main(): Promise<void> {
  const folders = process.argv.slice(2).map((f) => resolve(f))
  const texts = bodies(folders.length > 0 ? folders : [join(ROOT, 'fixtures/wire')])
  const module = process.env.REDACT_MODULE ?? join(ROOT, 'core/secrets.ts')
  const { redact } = (await import(pathToFileURL(module).href)) as { redact: Redact }
  const secrets = [`Bearer ${issueToken(1, { claims: { iat: 1_796_400_000 } })}`, 'Tr0ub4dor-x9Qz']
  process.stdout.write(`redact() on ${texts.length} bodies (${module}), ${load()}\n`)
  let sink = 0
  for (let i = 0; i < WARMUP; i++) for (const [, text] of texts) sink += redact(text, secrets).length
  const perBody: number[] = []
  for (let r = 0; r < ROUNDS; r++) {
    const t0 = process.cpuUsage()
    for (let i = 0; i < PER_ROUND; i++) for (const [, text] of texts) sink += redact(text, secrets).length
    const used = process.cpuUsage(t0)
    perBody.push((used.user + used.system) / (PER_ROUND * texts.length))
  }
  const sorted = [...perBody].sort((a, b) => a - b)
  process.stdout.write(
    `  CPU per body: median ${median(perBody).toFixed(1)} µs (rounds ${sorted.map((v) => v.toFixed(1)).join(' ')}) [${sink > 0 ? 'ok' : ''}]\n`,
  )
  const rng = seeded(0xbe4c)
  let changed = 0
  const examples: string[] = []
  for (let s = 0; s < RANDOM_SETS; s++) {
    const set = [randomSecret(rng)]
    for (const [name, text] of texts) {
      if (redact(text, set) === text) continue
      changed++
      if (examples.length < 5) examples.push(`${name} with ${JSON.stringify(set[0])}`)
    }
  }
  process.stdout.write(
    `  bodies changed by random secrets: ${changed} of ${RANDOM_SETS * texts.length}${examples.length > 0 ? `: ${examples.join('; ')}` : ''}\n`,
  )
}

await main()
