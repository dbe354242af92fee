import type { PublishedPerson } from '../participant'
import { verifyLedger, type LedgerEntry } from '../ledger'

/**
 * A board's contribution ledger as a file (`ledger.json`, `GET /api/boards/:id/export/ledger`):
 * every entry as stored, whether the chain checks out, and the people it points at as they
 * are credited now. Entries hold participant ids only, so the file stays true when people
 * change how they are credited.
 */
export interface LedgerExport {
  readonly board: { readonly id: string; readonly title: string }
  /** Epoch ms. */
  readonly exportedAt: number
  /** True when every entry's hash and link check out ({@link verifyLedger}). */
  readonly verified: boolean
  /**
   * Participant id → how they are credited now. Someone who chose "not named" is left out, so
   * their entries carry an id that names nobody.
   */
  readonly people: Readonly<Record<string, { readonly name: string; readonly role: string | null }>>
  /** Oldest first. */
  readonly entries: readonly LedgerEntry[]
}

/** The ledger file of a board. */
export function buildLedgerExport(
  board: LedgerExport['board'],
  entries: readonly LedgerEntry[],
  people: ReadonlyMap<string, PublishedPerson>,
  now: number,
): LedgerExport {
  return {
    board: { id: board.id, title: board.title },
    exportedAt: now,
    verified: verifyLedger(entries).ok,
    people: Object.fromEntries(
      [...people.values()]
        .filter((person) => person.credit !== 'not-named')
        .map((person) => [person.id, { name: person.name, role: person.roleLabel }]),
    ),
    entries,
  }
}
