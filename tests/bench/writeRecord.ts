import type * as Y from 'yjs'

/** An entry of the board's records array, as y-utility's YKeyValue keeps it. */
export interface RecordEntry {
  readonly key: string
  readonly val: unknown
}

/**
 * Writes `record`, whole, into the records array exactly as YKeyValue.set does (delete its old
 * entry, push the new one, in one transaction), without keeping a YKeyValue: its observer walks
 * every item the array ever held, tombstones included, on each remote change. With ten writers
 * interleaving, that is thousands of items within seconds; ten such observers in one process
 * made the harness, not the server, the bottleneck.
 */
export function writeRecord(records: Y.Array<RecordEntry>, record: { readonly id: string }): void {
  const doc = records.doc
  if (!doc) throw new Error('The records array is not in a document')
  doc.transact(() => {
    // Searching from the end is short: the live entries are the few most recently pushed.
    for (let i = records.length - 1; i >= 0; i--) {
      if (records.get(i).key !== record.id) continue
      records.delete(i, 1)
      break
    }
    records.push([{ key: record.id, val: record }])
  })
}
