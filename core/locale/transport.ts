// What the wire did, named (issue 9 "causes named, evidence kept"): an encoding the client could not undo, a
// redirect and where it pointed, the parser's own words about a broken body, credentials that expired mid-run.
// Sentences only; the facts come from tests/support/ (client.ts, record.ts) as reason parameters.
import type { ReasonParam } from '../reason.ts'
import { type Catalogue, registerCatalogue } from './index.ts'

const str = (x: ReasonParam | undefined): string => (x === null || x === undefined ? '' : String(x))

export const TRANSPORT_CATALOGUE: Catalogue = {
  'transport.undecodable': {
    fr: (p) =>
      `HTTP ${str(p.status)} : corps envoyé avec Content-Encoding « ${str(p.header)} » impossible à décoder (${str(p.coding)} : ${str(p.error)}) — un encodage, pas du JSON invalide du service`,
    en: (p) =>
      `HTTP ${str(p.status)} body sent with Content-Encoding "${str(p.header)}" could not be decoded (${str(p.coding)}: ${str(p.error)}) — an encoding, not the service's invalid JSON`,
  },
}

registerCatalogue(TRANSPORT_CATALOGUE)
