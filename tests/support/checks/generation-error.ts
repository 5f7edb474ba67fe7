// The service's own generation-error statement inside an answer's text (docs/wire-contracts.md §6.4, docs/suite-rules.md
// §4). The real conversation_service_v3 (response_generator_agent.py generate_response_stream) catches an LLM failure
// mid-stream and yields `f"Erreur lors de la génération de la réponse: {str(e)}"` as one more ordinary chunk, after the
// text already streamed; the stream then closes with a normal response_end whose response_length counts the error text,
// and no error event, no status "error" is sent. « … 5 transactions (montant moyen Erreur lors de la génération de la
// réponse: Connection error. » passed: the figures before it made error-answer.ts see an answer, and the stated length
// hid the cut from truncated.ts. A RULE, not a list of sentences: wherever it stands and whatever figures come before
// it, a statement "error during <a step of the service>: <exception text>" is the service saying the answer failed.
// What is not one: a banking fact (« erreur lors du paiement : carte refusée », the user's operation, error-answer.ts
// judges those) and a failure word in a sentence (« aucune erreur lors de l'analyse »).

// The statement families, on the answer's text as it came (accents optional, any case). No word boundary before them:
// a chunk glued to the text before it (« montant moyenErreur lors de … ») still starts one.
const SEP = String.raw`\s*:\s*`
const STEP = String.raw`[^:.!?\n]{1,80}?`
/** The operations of the user's banking life (leaked-error.ts shares them). */
export const BANKING_NOUN = String.raw`(?:paiements?|pr[ée]l[èe]vements?|virements?|remboursements?|achats?|transactions?|op[ée]rations?|retraits?|d[ée]p[ôo]ts?|commandes?|saisie|authentification|r[èe]glements?|encaissements?|ch[èe]ques?|cartes?|factur\w*)(?![\p{L}])`
/** An operation of the user's banking life: an error "lors du paiement" is a banking fact, not the service's. */
export const BANKING = new RegExp(
  String.raw`^(?:(?:du|de|des|d'|la|le|les|l'|votre|vos|ton|ta|tes|mon|ma|mes|ce|cet|cette|ces)\s*)*${BANKING_NOUN}`,
  'iu',
)
const FAMILIES: readonly RegExp[] = [
  // "Erreur lors de la génération de la réponse: Connection error.", "Erreur pendant l'analyse : timeout"
  new RegExp(
    String.raw`erreur(?: (?:s'est produite|est survenue|inattendue|interne))? (?:lors|pendant|au cours|durant)(?: de| du| des| d')?(?<step>${STEP})${SEP}(?<why>\S[^\n]*)`,
    'iu',
  ),
  // the same sentence without its exception text (a service that hides str(e))
  /erreur(?: (?:s'est produite|est survenue|inattendue|interne))? (?:lors|pendant|au cours|durant) (?:de la |du |de l'|des )(?<step>g[ée]n[ée]ration|r[ée]daction|formulation|production|construction|cr[ée]ation) (?:de la |du |de l'|des |d')?(?:r[ée]ponse|message|texte|analyse|r[ée]sum[ée])(?<why>)/iu,
  // "Error generating response: Request timed out.", "Error in streaming response: …", "Error during analysis: …"
  new RegExp(
    String.raw`error(?: (?:has )?occurred)? (?:generating|while|during|in|when|processing|calling|invoking)(?<step>${STEP})${SEP}(?<why>\S[^\n]*)`,
    'iu',
  ),
  /error(?: (?:has )?occurred)? (?:generating|while generating) (?:the |a )?(?<step>response|answer|message|reply)(?<why>)/iu,
  // An exception's text with nothing before it: the OpenAI client's "Error code: 429 - {…}", a Python traceback.
  /(?<step>)(?<why>error code: \d{3}\b[^\n]*|traceback \(most recent call last\)[^\n]*)/iu,
]
/** Words before the statement that deny or suspend it: « aucune erreur lors de l'analyse », « en cas d'erreur ». */
const NEGATED = /(?:^|[\s'’])(?:aucune?|pas d|sans|ni|jamais|cas d|no|without|any)\s*['’]?\s*$/i

export interface GenerationError {
  /** The statement as the service wrote it, from its first word to the end of its line. */
  statement: string
}

/** The service's generation-error statement in the answer's text, or null (an answer, or an error of the user's banking). */
export function generationErrorIn(message: string): GenerationError | null {
  for (const family of FAMILIES) {
    const m = family.exec(message)
    if (m === null) continue
    const step = m.groups?.step ?? ''
    if (BANKING.test(step.trim()) || NEGATED.test(message.slice(Math.max(0, m.index - 12), m.index))) continue
    // Quoted from its article when it has one (« Une erreur s'est produite lors de … », "An error occurred while …").
    const article = /(?:^|[\s(])(?:une|an)\s+$/i.exec(message.slice(Math.max(0, m.index - 6), m.index))
    const from = article === null ? m.index : m.index - article[0].trimStart().length
    return { statement: message.slice(from).split('\n')[0]?.trim() ?? m[0] }
  }
  return null
}
