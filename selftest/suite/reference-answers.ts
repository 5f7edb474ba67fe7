// Every answer the reference service gives to the plan's questions and to variants of them (each merchant, each
// category, anomalies, comparisons, empty searches, clarifications), for both demo users: the healthy side of the
// text and grounding rules — no rule may reject what a correct French service says. In process, from the real
// domain and envelope code (fixtures/reference/), not from copies of its answers.
import { answerEnvelope, type ChatEnvelope } from '../../fixtures/reference/envelope.ts'
import { generate, generateDataset, loadProfile, MERCHANTS, search, SPENDING_CATEGORIES, understand } from '../../fixtures/reference/domain/index.ts'
import questionsFile from '../../fixtures/questions.json' with { type: 'json' }

const NOW = new Date('2026-11-24T12:00:00Z')

export function referenceAnswers(): Array<{ question: string; envelope: ChatEnvelope }> {
  const dataset = generateDataset({ now: NOW })
  const questions = [
    ...questionsFile.questions.map((q) => q.message),
    'Mes tendances de dépenses',
    'Mes revenus du mois dernier',
    'Mes 5 dernières transactions',
    'Bonjour',
    'azerty',
    ...MERCHANTS.map((m) => `Mes dépenses chez ${m.name} le mois dernier`),
    ...MERCHANTS.slice(0, 8).map((m) => `Mes achats ${m.name}`),
    ...SPENDING_CATEGORIES.map((c) => `Mes dépenses ${c} ce mois-ci`),
  ]
  const out: Array<{ question: string; envelope: ChatEnvelope }> = []
  for (const userId of [1, 2])
    for (const question of questions) {
      const u = understand(question, NOW)
      const s = search(dataset, userId, u, NOW)
      const answer = generate(u, s, loadProfile(dataset, userId), NOW)
      const base = { userId, message: question, timestamp: NOW.toISOString(), requestId: 'r', processingMs: 1, conversationId: null }
      out.push({ question, envelope: answerEnvelope(base, u, s, answer) })
    }
  return out
}
