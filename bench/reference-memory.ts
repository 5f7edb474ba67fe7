// Bench: the reference service's resident memory under a long run — it must stay flat (a bounded request log,
// not every request kept forever). The service runs alone in a child process; autocannon sends chat requests
// (the 15 plan questions in turn) in steps, and the child's RSS is read from /proc after each step.
// BENCH_REFERENCE_REQUESTS (default 300000) sets the total. Figures only, no assertion.
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import autocannon from 'autocannon'
import { loadQuestions } from '../core/questions.ts'
import { line, load, loginToken, ROOT, rssMiB, startReferenceChild } from './support.ts'

export async function main(): Promise<void> {
  const total = Number(process.env.BENCH_REFERENCE_REQUESTS ?? 300_000)
  const step = Math.max(1, Math.round(total / 6))
  const ref = await startReferenceChild()
  try {
    const token = await loginToken(ref.url)
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` }
    const requests = loadQuestions(join(ROOT, 'fixtures', 'questions.json')).map((q) => ({
      method: 'POST' as const,
      path: '/api/v1/conversation/1',
      headers,
      body: JSON.stringify({ message: q.message, message_type: 'text', priority: 'normal', client_info: { platform: 'api', version: '1.0.0' } }),
    }))
    process.stdout.write(`reference service RSS (child process) while serving ${total.toLocaleString('en-US')} chat requests at concurrency 16\n`)
    const series: string[] = [`0: ${rssMiB(ref.pid).toFixed(0)}`]
    let sent = 0
    const t0 = performance.now()
    while (sent < total) {
      const amount = Math.min(step, total - sent)
      await new Promise<void>((resolve, reject) =>
        autocannon({ url: ref.url, connections: 16, pipelining: 1, amount, requests }, (error: unknown) =>
          error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve(),
        ),
      )
      sent += amount
      series.push(`${(sent / 1000).toFixed(0)}k: ${rssMiB(ref.pid).toFixed(0)}`)
    }
    line('RSS in MiB after N requests', series.join(', '))
    line('requests/s over the whole run', `${(total / ((performance.now() - t0) / 1000)).toFixed(0)} — ${load()}`)
  } finally {
    await ref.close()
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main()
