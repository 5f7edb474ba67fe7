// An error or exception the service leaked into an answer's text (docs/suite-rules.md §4, docs/wire-contracts.md §6.4).
// A review (2026-12-06) got GO on every generation with « KeyError: 'total_debit' », a Node stack (« Error: connect
// ECONNREFUSED 127.0.0.1:9200 / at TCPConnectWrap.afterConnect (node:net:1555:16) ») or « Une erreur est survenue lors
// de la recherche. » appended after a correct answer: the figures before it made it look like one, and
// generation-error.ts only knew the « Erreur lors de <step> : … » family. Read as a whole text, the same leak failed
// only as "not French" or "off-topic". A RULE by family, anywhere in the text, whatever figures come before it:
// - what a program prints when it fails (never French prose): an exception line (`KeyError: …`, `Exception: …`,
//   `java.lang.NullPointerException`), a stack frame (Python `File "…", line N`, JS `at f (file:1:2)`, Java
//   `at pkg.Class.m(File.java:9)`), a system error code (errno, ECONNREFUSED, ETIMEDOUT…), an HTTP 5xx statement;
// - the service saying it failed: « Erreur : … » as a label, « une erreur est survenue / s'est produite … », « erreur
//   interne », « une exception s'est produite », « délai d'attente dépassé », « la recherche a échoué », "an error
//   occurred", "request timed out", « le service est temporairement indisponible » (service-unavailable.ts: decided
//   by its subject, the service's own, so « ce marchand est indisponible » is data).
// What is not one, so a healthy answer stays GO: a denied or conditional error (« aucune erreur », « en cas d'erreur
// interne »), an error of the user's banking (« une erreur est survenue lors du prélèvement Free », « Erreur : paiement
// refusé »: error-answer.ts judges those), and the words that only look alike (« exception faite de », « achat
// exceptionnel », « une erreur de 2 € », « 3 transactions en erreur », « le délai de contestation est dépassé »).
// The same families in every other text the answer shows (leakedErrorShown): a chart titled « KeyError: 'total' », an
// insight saying « Erreur interne du serveur (500) » is the service's failure shown to the user as surely as in the text.
import type { NormalizedTurn } from '../turn.ts'
import { BANKING, BANKING_NOUN } from './generation-error.ts'
import { firstServiceUnavailable } from './service-unavailable.ts'
import { shownFields } from './shown-text.ts'

/** What a program prints when it fails: matched on the text as it came, case as written (class names are CamelCase). */
const PROGRAM: readonly RegExp[] = [
  // An exception class, qualified or not: KeyError: …, openai.APITimeoutError, java.lang.NullPointerException.
  /(?:[A-Za-z_][\w$]*\.)*[A-Z][\w$]*(?:Error|Exception)\b/,
  // The bare classes as a program prints them: no space before the colon (« Exception : » is French typography).
  /\b(?:Exception|Error|ERROR|FATAL|panic): /,
  /\b(?:Exception in thread|Caused by: |Traceback \(most recent call last\))/,
  // Stack frames: Python, JS (with or without the function), Java.
  /\bFile "[^"\n]+", line \d+/,
  /\bat (?:async )?(?:[\w$.<>[\]]+ (?:\[as [\w$]+\] )?)?\(?(?:node:[\w/]+|[^\s():]*(?:[/\\]|\.(?:[cm]?js|tsx?|jsx|py|java|kt|scala|go|rb|php))[^\s():]*|<anonymous>):\d+(?::\d+)?\)?/,
  /\bat [\w$]+(?:\.[\w$<>]+)+\((?:[\w$]+\.\w+:\d+|Native Method|Unknown Source)\)/,
  // A runtime's own message, printed without its class: Python, JS, Go, sockets; Elasticsearch's snake_case exceptions.
  /'NoneType' object|object has no attribute|list index out of range|division by zero|unsupported operand type|is not a function\b|is not defined\b|Cannot read propert(?:y|ies) of (?:undefined|null)|undefined is not an object|context deadline exceeded|connection reset by peer|broken pipe|socket hang up|no route to host|\b[a-z]+(?:_[a-z]+)*_exception\b/,
  // System error codes: errno, Node's and undici's codes.
  /\[Errno -?\d+\]|\berrno\s*[=:]?\s*-?\d+|\bE(?:CONN(?:REFUSED|RESET|ABORTED)|TIMEDOUT|HOSTUNREACH|NETUNREACH|NOTFOUND|AI_AGAIN|PIPE|ADDRINUSE|SOCKETTIMEDOUT)\b|\b(?:UND_)?ERR_[A-Z0-9_]{3,}\b/,
]
/** HTTP 5xx statements (case-insensitive): a status line, a reason phrase, "erreur 503", "HTTP 502". */
const HTTP_5XX =
  /\b(?:5\d\d\s+)?(?:internal server error|bad gateway|service (?:temporarily )?unavailable|gateway time-?out|upstream (?:connect )?(?:error|timeout)|http(?:\/[\d.]+)?\s*(?:error\s*)?:?\s*5\d\d|(?:erreur|error|status code|http status|statut http|code (?:http|d'erreur))\s*(?:http\s*)?[:=(]?\s*5\d\d)\b(?![\s\u202f\u00a0]*(?:€|eur|[,.]\d))/iu

/**
 * The service saying it failed, in words (case-insensitive, accents optional). `rest` is what follows on the line.
 * `label`: « Erreur : … » as a label, whose rest must say an error (« Erreur : aucune » does not); otherwise a
 * sentence, whose rest must not be the user's banking.
 */
const SAID: ReadonlyArray<{ re: RegExp; label: boolean }> = [
  // « Une erreur (technique) est survenue », « une erreur inattendue s'est produite », "An unexpected error occurred"
  {
    re: /(?:\b(?:une|an)\s+)?(?:unexpected\s+|internal\s+|unknown\s+)?\b(?:erreur|error)(?:\s+(?!ne\b)[\p{L}-]+)?\s+(?:est\s+survenue|s'est\s+produite|a\s+eu\s+lieu|(?:has\s+)?occurred)(?<rest>[^\n]*)/iu,
    label: false,
  },
  // « Une exception s'est produite / a été levée », "unhandled exception" (never « exception faite de »)
  {
    re: /(?:\b(?:une|an)\s+)?\bexception\s+(?:s'est\s+produite|est\s+survenue|a\s+[ée]t[ée]\s+lev[ée]e|lev[ée]e|non\s+(?:g[ée]r[ée]e|intercept[ée]e)|inattendue|occurred|was\s+raised)(?<rest>[^\n]*)|\b(?:unhandled|uncaught)\s+exception(?<rest2>[^\n]*)/iu,
    label: false,
  },
  // « erreur interne (du serveur) », « erreur serveur », "internal (server) error", "server error"
  { re: /\b(?:erreur\s+(?:interne|(?:du\s+)?serveur)|(?:internal(?:\s+server)?|server)\s+error)\b(?<rest>[^\n]*)/iu, label: false },
  // « Erreur : … », « **Erreur technique** : … » as a label (capitalised, or at a line's start)
  {
    re: /(?:\*\*)?\b(?:Erreur|Error|ERREUR|ERROR)(?:\s+(?:interne|technique|serveur|r[ée]seau|inattendue|inconnue|internal|unexpected|unknown))?(?:\*\*)?\s*:(?<rest>[^\n]*)/u,
    label: true,
  },
  { re: /(?:^|\n)\s*(?:[-*•]\s*)?(?:erreur|error)\s*:(?<rest>[^\n]*)/iu, label: true },
  // « délai d'attente dépassé », « le délai de réponse a été dépassé », "request timed out"
  {
    re: /\bd[ée]lai\s+(?:d'attente|de\s+r[ée]ponse|de\s+traitement|de\s+connexion|d'ex[ée]cution|r[ée]seau)(?<between>(?:\s+\S+){0,3}?)\s+(?:a\s+(?:[ée]t[ée]\s+)?|est\s+)?(?:d[ée]pass[ée]|expir[ée]|[ée]coul[ée])(?![\p{L}])(?<rest>[^\n]*)|\bd[ée]lai\s+(?:a\s+(?:[ée]t[ée]\s+)?|est\s+)?(?:d[ée]pass[ée]|expir[ée])(?![\p{L}])(?<rest2>[^\n]*)|\b(?:request|connection|read|operation|socket|upstream|gateway)\s+timed?\s*out\b(?<rest3>[^\n]*)/iu,
    label: false,
  },
  // « Échec de la recherche », « La génération de la réponse a échoué », "search failed": a step of the service failing
  // (« le chargement de votre carte a échoué » names the user's card: a banking fact)
  {
    re: /(?<![\p{L}])(?:[ée]chec|failure)\s+(?:de\s+la\s+|du\s+|de\s+l'|des\s+|of\s+(?:the\s+)?)?(?:recherche|g[ée]n[ée]ration|analyse|traitement|r[ée]cup[ée]ration|chargement|connexion|requ[êe]te|synchronisation|search|generation|request)(?<rest>[^\n]*)|\b(?:la|le|l'|the)\s*(?:recherche|g[ée]n[ée]ration|analyse|connexion|requ[êe]te|synchronisation|search|generation|request)(?:\s+\S+){0,5}?\s+(?:a\s+[ée]chou[ée]|failed)(?![\p{L}])(?<rest2>[^\n]*)|\b(?:le|l')\s*(?:traitement|r[ée]cup[ée]ration|chargement)(?<between>(?:\s+\S+){0,5}?)\s+a\s+[ée]chou[ée](?![\p{L}])(?<rest3>[^\n]*)/iu,
    label: false,
  },
]
/** Words before a statement that deny or suspend it: « aucune erreur interne », « en cas d'erreur », « si une erreur ». */
const NEGATED = /(?:^|[\s'’(])(?:aucune?|pas\s+d|sans|ni|jamais|cas\s+d|si|no|without|any|if)\s*['’]?\s*(?:une?\s+)?$/iu
/** The nouns of the service's own work: an error during one of them is the service's, not the user's banking. */
const SERVICE_STEP =
  /\b(?:recherche|g[ée]n[ée]ration|analyse|traitement|r[ée]cup[ée]ration|chargement|appel|connexion|requ[êe]te|demande|synchronisation|calcul|r[ée]ponse|service|serveur|base|moteur|syst[èe]me|api|agent|pipeline|cat[ée]gorisation|search|request|processing)\b/iu
// The bank and its movements count too (« une erreur interne à votre banque a doublé le débit Amazon »).
const BANKING_WORD = new RegExp(
  String.raw`(?<![\p{L}\p{N}_])(?:${BANKING_NOUN}|(?:banques?|d[ée]bits?|cr[ée]dits?|abonnements?)(?![\p{L}\p{N}_]))`,
  'iu',
)

export interface LeakedError {
  /** The leak as the service wrote it, from its first word to the end of its line. */
  statement: string
  /** `program`: what a program prints (an exception, a frame, a code, an HTTP 5xx); `words`: the service's sentence. */
  kind: 'program' | 'words'
}

/** Whether a failure said in words concerns the user's banking (« … lors du prélèvement Free ») rather than the service. */
function isBankingFact(rest: string, between: string): boolean {
  if (BANKING_WORD.test(between)) return true
  const clause = rest.split(/[.!?]/)[0] ?? ''
  const banking = BANKING_WORD.exec(clause)
  if (banking === null) return false
  const step = SERVICE_STEP.exec(clause)
  return step === null || banking.index < step.index
}

/** A label « Erreur : » followed by nothing of an error (« Erreur : aucune », « Erreur : paiement refusé »). */
const notAnError = (rest: string): boolean => /^\s*(?:aucune?|n[ée]ant|none|0\b|pas\b)/iu.test(rest) || BANKING.test(rest.trim())

const PROGRAM_AND_HTTP: readonly RegExp[] = [...PROGRAM, HTTP_5XX]
/** SAID's expressions as global copies for matchAll, compiled once per process (every answer is read against them). */
const SAID_SCAN = SAID.map(({ re, label }) => ({ global: new RegExp(re.source, `${re.flags}g`), label }))

function firstProgramLeak(message: string): number | null {
  let first: number | null = null
  for (const re of PROGRAM_AND_HTTP) {
    const m = re.exec(message)
    if (m !== null && (first === null || m.index < first)) first = m.index
  }
  return first
}

function firstSaidLeak(message: string): number | null {
  let first: number | null = null
  for (const { global, label } of SAID_SCAN) {
    for (const m of message.matchAll(global)) {
      const at = m.index ?? 0
      if (first !== null && at >= first) break
      const rest = m.groups?.rest ?? m.groups?.rest2 ?? m.groups?.rest3 ?? ''
      if (NEGATED.test(message.slice(Math.max(0, at - 16), at))) continue
      if (label ? notAnError(rest) : isBankingFact(rest, m.groups?.between ?? '')) continue
      first = at
      break
    }
  }
  return first
}

const earliest = (a: number | null, b: number | null): number | null => (a === null ? b : b === null ? a : Math.min(a, b))

/** The error or exception the service leaked into the answer's text, or null (an answer, or a banking fact). */
export function leakedErrorIn(message: string): LeakedError | null {
  const program = firstProgramLeak(message)
  const words = earliest(firstSaidLeak(message), firstServiceUnavailable(message))
  if (program === null && words === null) return null
  // Quoted from the first of them: « Une exception s'est produite : KeyError: … » from its sentence.
  const from = Math.min(program ?? Number.POSITIVE_INFINITY, words ?? Number.POSITIVE_INFINITY)
  const statement = message.slice(from).trimStart().split('\n')[0]?.trim() ?? ''
  return { statement, kind: program === null ? 'words' : 'program' }
}

/** Shown fields are read from their start (as checks/shown-text.ts reads them): a huge label is a defect of its own. */
const SHOWN_READ_CHARS = 100_000

/**
 * The first error or exception the service leaked into a text the answer shows besides its message — an insight's
 * title or description, a chart's or a KPI card's title, labels, legends, description, subtitle, heading, axis titles,
 * comparison text (checks/shown-text.ts shownFields) — with the field it is in ("visualization 2 title"), or null.
 */
export function leakedErrorShown(turn: NormalizedTurn): { field: string; leak: LeakedError } | null {
  for (const { field, text } of shownFields(turn)) {
    const leak = leakedErrorIn(text.slice(0, SHOWN_READ_CHARS))
    if (leak !== null) return { field, leak }
  }
  return null
}
