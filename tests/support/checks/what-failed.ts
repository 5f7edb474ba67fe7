// WHAT failed, for the error-statement rule (error-answer.ts, docs/suite-rules.md §4). A failure word is said of
// something. The user's banking operation failing — a payment, transfer, withdrawal, direct debit, card, cheque… of a
// merchant, a person, a date, a reference — is a fact the answer reports: « Votre virement VIR-88412 du 12 mars vers
// Lydia a échoué », « Le prélèvement Free n'a pas abouti », « Spotify n'a pas pu prélever », « ces fonds sont
// indisponibles jusqu'au 5 mars », « le terminal du commerçant a rencontré un problème ». The service failing — the
// assistant, its search, server, connection with the bank, partner, the user's request, the data — is a fallback, and
// so is a failure of nothing named (« Une erreur est survenue »). A review (2026-12-05) found correct answers about
// failed payments judged fallbacks: the subject was looked for at most 4 words before the verb, among too few nouns.
// Every text here is canonical (error-answer.ts): folded, lower case, words between single spaces.

/** The noun phrase a failure is said of: its determiner and its words up to the failure word. */
export interface Subject {
  determiner: string
  words: string[]
}

const DETERMINER = new Set(
  'le la les un une votre vos ce cet cette ces mon ma mes son sa ses notre nos leur leurs deux trois quatre cinq plusieurs certains certaines quelques tous toutes chaque'.split(
    ' ',
  ),
)
// A determiner after one of these opens a complement ("le traitement DE VOTRE demande"), not the subject.
const PREPOSITION = new Set(
  'de du des a au aux vers chez pour sur avec par en dans lors apres avant depuis pendant entre sans sous contre aupres via selon malgre'.split(' '),
)
// A verb after a number: the number ends the subject, it opens none.
const VERB = /^(?:est|sont|etait|etaient|ne|n'a|n'ont|n'est|ont|a|fut|reste|semble)$/
// An adjective before the head noun: "votre seule transaction", "le dernier prélèvement".
const ADJECTIVE = /^(?:seule?s?|derniere?s?|premiere?s?|premiers?|unique|nouveaux?|nouvelles?|nouvel|precedente?s?|prochaine?s?|autres?)$/

/**
 * The subject of a failure word: walking back from it, the first noun phrase a determiner (or a count) opens that no
 * preposition introduces. "Votre virement VIR-88412 du 12 mars vers Lydia a échoué": "votre virement …", not "12 mars".
 */
export function subjectOf(before: string): Subject | null {
  const tokens = before.trim().split(' ').filter(Boolean).slice(-20)
  for (let i = tokens.length - 1; i >= 0; i--) {
    const token = tokens[i] ?? ''
    const prev = tokens[i - 1] ?? ''
    const elided = /^l'[a-z]/.test(token)
    // A count opens a noun phrase ("3 paiements ont échoué"); a number before a preposition or a verb ends a
    // reference ("Votre paiement (réf. PRLV-2231) est en échec").
    const next = tokens[i + 1] ?? 'de'
    const count = /^\d+$/.test(token) && !DETERMINER.has(prev) && !PREPOSITION.has(next) && !VERB.test(next)
    if (!(elided || count || DETERMINER.has(token)) || PREPOSITION.has(prev)) continue
    const words = elided ? [token.slice(2), ...tokens.slice(i + 1)] : tokens.slice(i + 1)
    // "le 12 octobre" is a date.
    if (words.length === 0 || /^\d/.test(words[0] ?? '')) continue
    return { determiner: elided ? "l'" : token, words }
  }
  return null
}

// Operations a user makes or undergoes; a transaction, an operation or an order only when the answer identifies it
// (its merchant, its date, its reference): « L'opération a échoué », « Votre transaction a échoué » alone are an error
// dialog's wording.
const OPERATION =
  /^(?:paiements?|prelevements?|virements?|retraits?|remboursements?|cheques?|debits?|encaissements?|achats?|reglements?|versements?|depots?|echeances?|mensualites?|cotisations?|cartes?|factures?|facturation|mandats?|abonnements?|loyers?)$/
const IDENTIFIED_OPERATION = /^(?:transactions?|operations?|commandes?)$/
const ATTEMPT = /^(?:tentatives?|ordres?|demandes?|essais?)$/
// Who takes part in a payment and may fail at it: "le terminal du commerçant a rencontré un problème".
const BANKING_PARTY = /^(?:terminal|terminaux|tpe|distributeurs?|dab|guichets?|commercants?|marchands?|caisses?)$/
// What may be unavailable as a banking fact: "ces fonds sont indisponibles jusqu'au 5 mars" (data that is, is a failure).
const FUNDS = /^(?:fonds|soldes?|argent|sommes?|montants?|provisions?|liquidites|credits?|cartes?)$/
const MONTH = /^(?:janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre)$/

/** Is the word an operation's noun (« paiement », « virements », « transaction »)? */
export const isOperationNoun = (word: string): boolean => OPERATION.test(word) || IDENTIFIED_OPERATION.test(word)

// A subject pronoun, its auxiliary and adverbs, right before a failure word: « il a échoué », « il n'a pas pu ».
const PRONOUN = /(?:^| )(?:il|elle|ils|elles) (?:(?:a|ont|est|sont|etait|ne|n'a|n'ont|n'est) )?(?:(?:bien|pas|donc|malheureusement|en) )*$/

/**
 * The subject a pronoun stands for: the operation the question asks about (« Mon virement vers Lydia est-il parti ? »
 * → « Non, il a échoué »), or null. `question`: folded.
 */
export function pronounSubject(before: string, question: string): Subject | null {
  if (!PRONOUN.test(before)) return null
  const noun = question.split(/[^a-z0-9']+/).find(isOperationNoun)
  return noun === undefined ? null : { determiner: 'le', words: [noun] }
}

/** The head noun of a subject, past an adjective. */
const headOf = (subject: Subject): number => (ADJECTIVE.test(subject.words[0] ?? '') ? 1 : 0)

/** Is the subject a user's banking operation? `names`: the merchants the sentence names (folded words). */
export function isOperation(subject: Subject, names: ReadonlySet<string>): boolean {
  const h = headOf(subject)
  const head = subject.words[h] ?? ''
  if (OPERATION.test(head) || BANKING_PARTY.test(head)) return true
  // "la tentative de paiement", "l'ordre de virement", "une demande de remboursement" (not "votre demande").
  const next = subject.words[h + 1] ?? ''
  const after = next === 'de' ? (subject.words[h + 2] ?? '') : next.startsWith("d'") ? next.slice(2) : ''
  if (ATTEMPT.test(head)) return OPERATION.test(after) || IDENTIFIED_OPERATION.test(after)
  if (!IDENTIFIED_OPERATION.test(head)) return false
  return subject.words.some((w) => /\d/.test(w) || MONTH.test(w) || names.has(w))
}

/** Is the subject something whose unavailability is a banking fact (funds, a card, a cash machine)? */
export function isBankingAsset(subject: Subject): boolean {
  const head = subject.words[headOf(subject)] ?? ''
  return FUNDS.test(head) || BANKING_PARTY.test(head)
}
