// One line saying what an error was, for the reasons of a report (reporters/validation-reporter.ts): its name and
// the first line of its message; for an error that lost its message on the way (a shard's blob keeps only `type`),
// what it still carries, as JSON — never "[object Object]" (a merge of shards named its causes so).

/** The first line of an error's name and message, or of what a thrown value says. */
export function errorText(e: unknown): string {
  if (e && typeof e === 'object' && 'message' in e) {
    const name = 'name' in e && typeof e.name === 'string' ? `${e.name}: ` : ''
    return `${name}${String((e as { message: unknown }).message)}`.split('\n')[0] as string
  }
  if (e && typeof e === 'object') return boundedJson(e)
  return String(e).split('\n')[0] as string
}

/** A value as one line of JSON, cut at 200 characters; its type and keys when it cannot be serialized. */
function boundedJson(value: object): string {
  let text: string | undefined
  try {
    text = JSON.stringify(value)
  } catch {
    // a cycle or a BigInt: its type and its keys are what is left to say
  }
  text ??= `${value.constructor?.name ?? 'Object'} { ${Object.keys(value).join(', ')} }`
  return text.length > 200 ? `${text.slice(0, 200)}…` : text
}
