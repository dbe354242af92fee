import { useEffect, useState } from 'react'
import { useValue, type Editor } from 'tldraw'
import { describePerson } from '../../../shared/credit'
import type { LedgerAction, LedgerEntry } from '../../../shared/ledger'
import { fetchRecordHistory } from '../api'
import { describeImportedHistory } from '../collab/attribution'
import { formatDate, formatTime } from '../common/formatWhen'
import { useBoardContext } from './BoardContext'

const VERBS: Record<LedgerAction, string> = {
  created: 'added it',
  words: 'wrote or changed the words',
  arranged: 'moved, resized or restyled it',
  deleted: 'deleted it',
  process: 'did this while running the session',
}

/** What the steps of reviewing a card say, in place of "did this while running the session". */
const REVIEW_VERBS: Readonly<Record<string, string>> = {
  'card-hidden': 'hid it for review',
  'card-restored': 'put it back after review',
  'card-removed': 'removed it after review',
}

/** Ledger entries in a row that say the same thing, shown as one line ("… (4 times)"). */
interface HistoryLine {
  readonly first: LedgerEntry
  readonly last: LedgerEntry
  readonly count: number
}

/** Folds runs of the same person doing the same thing into one line. */
export function historyLines(entries: readonly LedgerEntry[]): HistoryLine[] {
  const lines: HistoryLine[] = []
  for (const entry of entries) {
    const previous = lines.at(-1)
    if (
      previous &&
      previous.last.action === entry.action &&
      previous.last.recordType === entry.recordType &&
      previous.last.participantId === entry.participantId &&
      previous.last.writtenDownBy === entry.writtenDownBy
    ) {
      lines[lines.length - 1] = { ...previous, last: entry, count: previous.count + 1 }
    } else {
      lines.push({ first: entry, last: entry, count: 1 })
    }
  }
  return lines
}

/**
 * The selected shape's history, from the server's ledger, in plain words: who added it, who
 * changed its words, who moved it, with times; for a shape that came in with a board file, first
 * where it came from and who added it there. Refreshed when the shape changes.
 */
export function HistoryPanel({ editor }: { editor: Editor }) {
  const { boardId, identity, people, imported, canFacilitate } = useBoardContext()
  const selected = useValue('history shape', () => editor.getOnlySelectedShape(), [editor])
  const [entries, setEntries] = useState<LedgerEntry[]>()
  const [error, setError] = useState<string>()
  const shapeId = selected?.id
  const importedFrom = shapeId && imported.get(shapeId)

  useEffect(() => {
    if (!shapeId) return
    let cancelled = false
    // Shortly after the last change: dragging a shape changes it many times a second.
    const timer = setTimeout(() => {
      fetchRecordHistory(boardId, shapeId, identity.token).then(
        ({ entries }) => {
          if (cancelled) return
          setEntries([...entries])
          setError(undefined)
        },
        (e: unknown) => !cancelled && setError(e instanceof Error ? e.message : String(e)),
      )
    }, 300)
    return () => {
      cancelled = true
      clearTimeout(timer)
    }
  }, [boardId, identity.token, shapeId, selected])

  if (!shapeId) {
    return (
      <p className="hint">Select one shape to see its history: who added it and who changed it.</p>
    )
  }
  const who = (id: string, entry?: LedgerEntry) => {
    if (id === identity.participant.id) return 'You'
    // Taking a card down must feel safe: only the people who review it are told who did.
    if (entry?.recordType === 'card-hidden' && !canFacilitate) return 'Someone'
    const person = people.get(id)
    return person ? describePerson(person) : 'Someone who is no longer listed'
  }
  // The ledger's first entry for an imported shape is the import itself, not its first writing.
  const verb = (entry: LedgerEntry) =>
    importedFrom && entry.action === 'created' && entry.at === importedFrom.importedAt
      ? 'brought it in from a file'
      : (REVIEW_VERBS[entry.recordType] ?? VERBS[entry.action])
  return (
    <section aria-label="Changes to the selected shape">
      {importedFrom && (
        <p className="hint" data-testid="history-imported">
          {describeImportedHistory({ imported: importedFrom, formatDate })}
        </p>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {!entries ? (
        <p className="hint">Loading…</p>
      ) : entries.length === 0 ? (
        <p className="hint">
          Nothing is recorded for this shape yet. It may be from before history was kept.
        </p>
      ) : (
        <ol className="history-list" data-testid="history-list">
          {historyLines(entries).map(({ first, last, count }) => (
            <li key={first.seq}>
              <span className="history-time">{formatTime(last.at)}</span>{' '}
              <strong>{who(first.participantId, first)}</strong> {verb(first)}
              {count > 1 ? ` (${count} times)` : ''}
              {first.writtenDownBy ? `, written down by ${who(first.writtenDownBy)}` : ''}.
            </li>
          ))}
        </ol>
      )}
    </section>
  )
}
