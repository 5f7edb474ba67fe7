// The run's credentials (tests/support/auth-broker.ts): a re-login mid-run, or credentials that expired and
// stopped the run. `attempt` is 1-based here; `afterAttempts` counts the attempts recorded before the refusal. `shard`
// ("2/3") only in the merged report of a sharded run (core/shard.ts mergedAuth): the event happened in that shard,
// whose own attempts `afterAttempts` counts.
import type { ReasonParam } from '../reason.ts'
import { type Catalogue, registerCatalogue } from './index.ts'

const str = (x: ReasonParam | undefined): string => (x === null || x === undefined ? '' : String(x))

const causeEn = (p: Record<string, ReasonParam>): string => {
  if (p.cause === 'no_credentials')
    return 'and HARENA_API_TOKEN alone cannot log in again (set HARENA_USERNAME + HARENA_PASSWORD, or use a token that outlives the run)'
  if (p.cause === 'login_failed') return `and logging in again failed${p.detail ? ` (${str(p.detail)})` : ''}`
  return 'and refused the new token of the re-login before any answer got past authentication with it'
}
const causeFr = (p: Record<string, ReasonParam>): string => {
  if (p.cause === 'no_credentials')
    return 'et HARENA_API_TOKEN seul ne permet pas de se reconnecter (renseignez HARENA_USERNAME + HARENA_PASSWORD, ou un jeton qui dure plus que la campagne)'
  if (p.cause === 'login_failed') return `et la reconnexion a échoué${p.detail ? ` (${str(p.detail)})` : ''}`
  return "et a refusé le nouveau jeton de la reconnexion avant qu'une seule réponse l'ait accepté"
}
const lineCauseEn = (p: Record<string, ReasonParam>): string => {
  if (p.cause === 'no_credentials')
    return 'HARENA_API_TOKEN alone cannot log in again (set HARENA_USERNAME + HARENA_PASSWORD, or a token that outlives the run)'
  if (p.cause === 'login_failed') return `logging in again failed${p.detail ? ` (${str(p.detail)})` : ''}`
  return 'the token of the new login was refused too'
}
const lineCauseFr = (p: Record<string, ReasonParam>): string => {
  if (p.cause === 'no_credentials')
    return 'HARENA_API_TOKEN seul ne permet pas de se reconnecter (renseignez HARENA_USERNAME + HARENA_PASSWORD, ou un jeton qui dure plus que la campagne)'
  if (p.cause === 'login_failed') return `la reconnexion a échoué${p.detail ? ` (${str(p.detail)})` : ''}`
  return 'le jeton de la nouvelle connexion a été refusé lui aussi'
}
const inShardEn = (p: Record<string, ReasonParam>): string => (p.shard ? ` in shard ${str(p.shard)}` : '')
const inShardFr = (p: Record<string, ReasonParam>): string => (p.shard ? ` dans la tranche ${str(p.shard)}` : '')
const where = (p: Record<string, ReasonParam>, word: string, warm: string): string =>
  `${str(p.questionId)}, ${p.warmup === true ? `${warm} ` : ''}${word} ${str(p.attempt)}`

export const AUTH_CATALOGUE: Catalogue = {
  'auth.expired': {
    fr: (p) =>
      `Exécution arrêtée — identifiants expirés${inShardFr(p)} après la tentative ${str(p.afterAttempts)} : la cible a répondu HTTP 401 (${where(p, 'tentative', 'échauffement,')}) ${causeFr(p)} ; les tentatives restantes${p.shard ? ' de cette tranche' : ''} ne sont pas exécutées, la campagne est incomplète.`,
    en: (p) =>
      `Run stopped — credentials expired${inShardEn(p)} after attempt ${str(p.afterAttempts)}: the target answered HTTP 401 (${where(p, 'attempt', 'warm-up')}) ${causeEn(p)}; the remaining attempts${p.shard ? ' of that shard' : ''} are not executed, the run is incomplete.`,
  },
  'auth.relogin': {
    fr: (p) =>
      `Reconnexion à ${str(p.at)}${inShardFr(p)} : la cible a refusé le jeton de la campagne après la tentative ${str(p.afterAttempts)} (HTTP 401, ${where(p, 'tentative', 'échauffement,')}) ; la suite s'est reconnectée et a reposé cette tentative avec le nouveau jeton (le 401 n'est pas compté).`,
    en: (p) =>
      `Re-login at ${str(p.at)}${inShardEn(p)}: the target refused the run's token after attempt ${str(p.afterAttempts)} (HTTP 401, ${where(p, 'attempt', 'warm-up')}); the suite logged in again and asked that attempt again with the new token (the 401 is not counted).`,
  },
  'auth.relogin_more': {
    fr: (p) =>
      `Et ${str(p.count)} reconnexions de plus (${str(p.total)} en tout, chaque jeton ayant servi avant d'expirer), la dernière à ${str(p.at)}${inShardFr(p)} après la tentative ${str(p.afterAttempts)} ; chaque tentative refusée a été reposée avec le nouveau jeton (run.auth du rapport JSON les liste toutes).`,
    en: (p) =>
      `And ${str(p.count)} more re-logins (${str(p.total)} in all, each token having worked before it expired), the last at ${str(p.at)}${inShardEn(p)} after attempt ${str(p.afterAttempts)}; each refused attempt was asked again with the new token (run.auth in the JSON report lists them all).`,
  },
  // The run's log lines (tests/support/auth-broker.ts), when it happens: `attempt` 1-based, `cause` and `detail` as above.
  'auth.line.expired': {
    fr: (p) =>
      `identifiants expirés après la tentative ${str(p.afterAttempts)} (HTTP 401 à ${where(p, 'tentative', 'échauffement,')}) : ${lineCauseFr(p)} ; la campagne cesse d'interroger la cible, les tentatives restantes ne sont pas exécutées`,
    en: (p) =>
      `credentials expired after attempt ${str(p.afterAttempts)} (HTTP 401 to ${str(p.questionId)}${p.warmup === true ? ' warm-up' : ''} attempt ${str(p.attempt)}): ${lineCauseEn(p)}; stopped asking, the remaining attempts are not executed`,
  },
  'auth.line.relogin': {
    fr: (p) =>
      `la cible a refusé le jeton de la campagne après la tentative ${str(p.afterAttempts)} (HTTP 401 à ${where(p, 'tentative', 'échauffement,')}) : nouvelle connexion ; la tentative refusée est reposée`,
    en: (p) =>
      `the target refused the run's token after attempt ${str(p.afterAttempts)} (HTTP 401 to ${str(p.questionId)}${p.warmup === true ? ' warm-up' : ''} attempt ${str(p.attempt)}): logged in again; the refused attempt is asked again`,
  },
  // A whole sentence (capital, full stop): the complete criterion says its evidence one after the other, joined by a space.
  'evidence.credentials_expired': {
    fr: (p) => `Identifiants expirés${inShardFr(p)} après la tentative ${str(p.afterAttempts)}.`,
    en: (p) => `Credentials expired${inShardEn(p)} after attempt ${str(p.afterAttempts)}.`,
  },
}

registerCatalogue(AUTH_CATALOGUE)
