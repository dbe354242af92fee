import * as Y from 'yjs'
import type { RecordLike } from '../../shared/wordProps'

/** One `{ key, val }` entry of the records array, as YKeyValue stores it. */
interface Entry {
  readonly key: string
  readonly val: RecordLike
}

/** What one transaction did to one record: its value before and after (undefined: absent). */
export interface RecordChange {
  readonly id: string
  readonly before: RecordLike | undefined
  readonly after: RecordLike | undefined
}

/**
 * The server's view of the `records` root (shared/docLayout.ts) as y-utility's YKeyValue sees
 * it — for each key, the value of its rightmost live entry — kept current transaction by
 * transaction, so the ledger can compare a record's value before and after each update.
 *
 * It does not use YKeyValue itself: YKeyValue's observer lists the whole array on every change
 * (O(board size) per edit) and writes clean-up deletions of its own into the document. Instead
 * it reads what a transaction added and deleted from the transaction (before Yjs garbage
 * collects the deleted content, hence `afterTransaction`), which costs O(size of the change).
 * Entries are tracked by object identity, which survives Yjs splitting and merging items, as
 * YKeyValue does. Only when two live entries compete for one key (concurrent writes) does it
 * walk the array to find the rightmost, exactly as a client loading the board would.
 */
export class RecordMirror {
  private readonly current = new Map<string, Entry>()
  private readonly liveCount = new Map<string, number>()

  constructor(private readonly yarray: Y.Array<Entry>) {
    this.rebuild()
  }

  /** The value of a record now. */
  get(id: string): RecordLike | undefined {
    return this.current.get(id)?.val
  }

  /** Every record id now. */
  ids(): IterableIterator<string> {
    return this.current.keys()
  }

  /** The position of a record's current entry in the array (for replacing it), or -1. */
  indexOf(id: string): number {
    const target = this.current.get(id)
    if (!target) return -1
    let index = 0
    for (let item = this.yarray._start; item !== null; item = item.right) {
      if (item.deleted || !item.countable) continue
      if (item.content instanceof Y.ContentAny) {
        for (const value of item.content.getContent()) {
          if (value === target) return index
          index++
        }
      } else {
        index += item.length
      }
    }
    return -1
  }

  /** Reads the whole array again (after a restore). */
  rebuild(): void {
    this.current.clear()
    this.liveCount.clear()
    this.forEachLiveEntry((entry) => {
      this.current.set(entry.key, entry)
      this.liveCount.set(entry.key, (this.liveCount.get(entry.key) ?? 0) + 1)
    })
  }

  /**
   * Updates the mirror from a finished transaction (call from `afterTransaction`) and returns
   * what changed, or nothing when the transaction did not touch the records.
   */
  apply(transaction: Y.Transaction): RecordChange[] {
    if (!transaction.changed.has(this.yarray as never)) {
      return []
    }
    const before = new Map<string, Entry | undefined>()
    const remember = (key: string) => {
      if (!before.has(key)) before.set(key, this.current.get(key))
    }
    const contested = new Set<string>()
    const addedInThis = (item: Y.Item) =>
      item.id.clock >= (transaction.beforeState.get(item.id.client) ?? 0)

    // Deleted first: a YKeyValue.set deletes the old entry and pushes the new one.
    Y.iterateDeletedStructs(transaction, transaction.deleteSet, (struct) => {
      if (!(struct instanceof Y.Item) || struct.parent !== this.yarray) return
      // Added and deleted within this transaction: never seen, never counted.
      if (addedInThis(struct)) return
      for (const entry of entriesOf(struct)) {
        remember(entry.key)
        const live = (this.liveCount.get(entry.key) ?? 1) - 1
        if (live > 0) this.liveCount.set(entry.key, live)
        else this.liveCount.delete(entry.key)
        if (this.current.get(entry.key) === entry) {
          this.current.delete(entry.key)
          if (live > 0) contested.add(entry.key)
        }
      }
    })

    transaction.afterState.forEach((clock, client) => {
      const from = transaction.beforeState.get(client) ?? 0
      if (clock <= from) return
      const structs = transaction.doc.store.clients.get(client)
      if (!structs) return
      for (let i = Y.findIndexSS(structs, from); i < structs.length; i++) {
        const struct = structs[i]
        if (!(struct instanceof Y.Item) || struct.deleted || struct.parent !== this.yarray) continue
        for (const entry of entriesOf(struct)) {
          remember(entry.key)
          const live = (this.liveCount.get(entry.key) ?? 0) + 1
          this.liveCount.set(entry.key, live)
          if (live > 1) contested.add(entry.key)
          else this.current.set(entry.key, entry)
        }
      }
    })

    if (contested.size > 0) this.resolve(contested)
    const changes: RecordChange[] = []
    for (const [id, old] of before) {
      const now = this.current.get(id)
      if (now !== old) changes.push({ id, before: old?.val, after: now?.val })
    }
    return changes
  }

  /** Finds the rightmost live entry of each contested key by walking the array. */
  private resolve(keys: Set<string>): void {
    const rightmost = new Map<string, Entry>()
    this.forEachLiveEntry((entry) => {
      if (keys.has(entry.key)) rightmost.set(entry.key, entry)
    })
    for (const key of keys) {
      const entry = rightmost.get(key)
      if (entry) this.current.set(key, entry)
      else this.current.delete(key)
    }
  }

  private forEachLiveEntry(visit: (entry: Entry) => void): void {
    for (let item = this.yarray._start; item !== null; item = item.right) {
      if (item.deleted) continue
      for (const entry of entriesOf(item)) visit(entry)
    }
  }
}

function entriesOf(item: Y.Item): Entry[] {
  if (!(item.content instanceof Y.ContentAny)) return []
  return (item.content.getContent() as unknown[]).filter(isEntry)
}

function isEntry(value: unknown): value is Entry {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { key?: unknown }).key === 'string' &&
    typeof (value as { val?: unknown }).val === 'object' &&
    (value as { val?: unknown }).val !== null
  )
}
