import * as Y from 'yjs'
import type { RecordLike } from '../../shared/wordProps'
import {
  deleteElement,
  deleteItem,
  elementsOf,
  forEachItemAdded,
  forEachItemDeleted,
  isAddedIn,
  liveItems,
} from './yjsItems'

/** One `{ key, val }` entry of the records array, as YKeyValue stores it. */
interface Entry {
  readonly key: string
  readonly val: RecordLike
}

/** An entry and where it is, so it can be deleted by id. */
interface Located {
  readonly entry: Entry
  readonly id: Y.ID
}

/** What a transaction did to one record: its value before and after (undefined: absent). */
export interface RecordChange {
  readonly id: string
  readonly before: RecordLike | undefined
  readonly after: RecordLike | undefined
}

/** What {@link RecordMirror.takeChanges} found. */
export interface TakenChanges {
  readonly changes: readonly RecordChange[]
  /** How many things the update added that are not record entries (deleted at once). */
  readonly foreign: number
}

/** The transaction being read, and what is needed to undo a record's change in it. */
interface OpenTransaction {
  readonly transaction: Y.Transaction
  readonly before: Map<string, Located | undefined>
  readonly added: Map<string, Y.ID[]>
  readonly deleted: Set<Entry>
}

/**
 * The server's view of the `records` root (shared/docLayout.ts) as y-utility's YKeyValue sees
 * it — for each key, the value of its rightmost live entry — and the only way the room core
 * writes to it.
 *
 * It reads a client's update inside the transaction that applied it ({@link takeChanges}), in
 * O(size of the change): what it added and deleted, record by record. Anything the update added
 * that is not a record entry (a write into another root, a nested type, a stray value) is
 * deleted there and then, and a record change the room refuses is undone with {@link refuse}:
 * both in the same transaction, so Yjs's garbage collection drops the refused content before
 * the transaction's update is encoded. What is stored and relayed never holds it.
 *
 * It does not use YKeyValue itself: YKeyValue's observer lists the whole array on every change
 * (O(board size) per edit) and writes clean-up deletions of its own. Entries are tracked by
 * object identity, which survives Yjs splitting items, and by id, to delete them. Only when two
 * live entries compete for one key (concurrent writes) does it walk the array to find the
 * rightmost, exactly as a client loading the board would.
 */
export class RecordMirror {
  private readonly current = new Map<string, Located>()
  private readonly liveCount = new Map<string, number>()
  private open: OpenTransaction | undefined

  constructor(private readonly yarray: Y.Array<unknown>) {
    this.rebuild()
  }

  /** The value of a record now. */
  get(id: string): RecordLike | undefined {
    return this.current.get(id)?.entry.val
  }

  /** Every record id now. */
  ids(): IterableIterator<string> {
    return this.current.keys()
  }

  /** How many records there are. */
  get size(): number {
    return this.current.size
  }

  /** Reads the whole array again (after a restore). */
  rebuild(): void {
    this.current.clear()
    this.liveCount.clear()
    this.forEachLiveEntry((located) => {
      this.current.set(located.entry.key, located)
      this.count(located.entry.key, 1)
    })
  }

  /**
   * Reads what the transaction did to the records so far, and deletes whatever it added that is
   * not a record entry. Call once per client transaction, right after its update was applied and
   * before anything else writes in it; {@link refuse} can then undo one record's change.
   */
  takeChanges(transaction: Y.Transaction): TakenChanges {
    const open: OpenTransaction = {
      transaction,
      before: new Map(),
      added: new Map(),
      deleted: new Set(),
    }
    this.open = open
    const remember = (key: string) => {
      if (!open.before.has(key)) open.before.set(key, this.current.get(key))
    }
    const contested = new Set<string>()

    // Deleted first: a YKeyValue.set deletes the old entry and pushes the new one.
    forEachItemDeleted(transaction, (item) => {
      if (item.parent !== this.yarray || isAddedIn(transaction, item)) return
      for (const { value } of elementsOf(item)) {
        if (!isEntry(value) || open.deleted.has(value)) continue
        open.deleted.add(value)
        remember(value.key)
        if (this.count(value.key, -1) > 0 && this.current.get(value.key)?.entry === value) {
          contested.add(value.key)
        }
        if (this.current.get(value.key)?.entry === value) this.current.delete(value.key)
      }
    })

    // Collected before anything is deleted: deleting an element splits its item.
    const added: Y.Item[] = []
    forEachItemAdded(transaction, (item) => {
      if (!item.deleted) added.push(item)
    })
    const foreignItems: Y.Item[] = []
    const foreignElements: Y.ID[] = []
    for (const item of added) {
      if (item.parent !== this.yarray || !(item.content instanceof Y.ContentAny)) {
        foreignItems.push(item)
        continue
      }
      for (const { value, id } of elementsOf(item)) {
        if (!isEntry(value)) {
          foreignElements.push(id)
          continue
        }
        remember(value.key)
        open.added.set(value.key, [...(open.added.get(value.key) ?? []), id])
        if (this.count(value.key, 1) > 1) contested.add(value.key)
        else this.current.set(value.key, { entry: value, id })
      }
    }
    for (const item of foreignItems) if (!item.deleted) deleteItem(transaction, item)
    for (const id of foreignElements) deleteElement(transaction, id)

    if (contested.size > 0) this.resolve(contested)
    const changes: RecordChange[] = []
    for (const [id, old] of open.before) {
      const now = this.current.get(id)
      if (now?.entry !== old?.entry) {
        changes.push({ id, before: old?.entry.val, after: now?.entry.val })
      }
    }
    return { changes, foreign: foreignItems.length + foreignElements.length }
  }

  /**
   * Undoes what the open transaction did to one record: the entries it added are deleted and,
   * if it deleted the record's entry, the old value is written again. Afterwards the record is
   * as it was before the transaction.
   */
  refuse(transaction: Y.Transaction, key: string): void {
    const open = this.open
    if (open?.transaction !== transaction) throw new Error('refuse() outside the read transaction')
    for (const id of open.added.get(key) ?? []) {
      const item = Y.getItem(transaction.doc.store, id)
      if (item.deleted) continue
      deleteElement(transaction, id)
      this.count(key, -1)
    }
    open.added.delete(key)
    const old = open.before.get(key)
    if (old && open.deleted.has(old.entry)) this.push(transaction, key, old.entry.val)
    else if ((this.liveCount.get(key) ?? 0) > 1) this.resolve(new Set([key]))
    else if (old) this.current.set(key, old)
    else this.current.delete(key)
  }

  /** Sets a record to `value` in the transaction (the server writing it). */
  put(transaction: Y.Transaction, key: string, value: RecordLike): void {
    this.remove(transaction, key)
    this.push(transaction, key, value)
  }

  /** Removes a record in the transaction (the server deleting it). */
  remove(transaction: Y.Transaction, key: string): void {
    if (!this.current.has(key)) return
    const doomed: Y.ID[] = []
    if ((this.liveCount.get(key) ?? 0) > 1) {
      this.forEachLiveEntry(({ entry, id }) => {
        if (entry.key === key) doomed.push(id)
      })
    } else {
      doomed.push((this.current.get(key) as Located).id)
    }
    for (const id of doomed) deleteElement(transaction, id)
    this.current.delete(key)
    this.liveCount.delete(key)
  }

  private push(transaction: Y.Transaction, key: string, val: RecordLike): void {
    const { doc } = transaction
    const entry: Entry = { key, val }
    const id = Y.createID(doc.clientID, Y.getState(doc.store, doc.clientID))
    this.yarray.push([entry])
    this.current.set(key, { entry, id })
    this.count(key, 1)
  }

  /** Adds `delta` to the live entries of a key and returns the new count. */
  private count(key: string, delta: number): number {
    const live = Math.max(0, (this.liveCount.get(key) ?? 0) + delta)
    if (live > 0) this.liveCount.set(key, live)
    else this.liveCount.delete(key)
    return live
  }

  /** Finds the rightmost live entry of each contested key by walking the array. */
  private resolve(keys: Set<string>): void {
    const rightmost = new Map<string, Located>()
    this.forEachLiveEntry((located) => {
      if (keys.has(located.entry.key)) rightmost.set(located.entry.key, located)
    })
    for (const key of keys) {
      const located = rightmost.get(key)
      if (located) this.current.set(key, located)
      else this.current.delete(key)
    }
  }

  private forEachLiveEntry(visit: (located: Located) => void): void {
    for (const item of liveItems(this.yarray)) {
      for (const { value, id } of elementsOf(item)) if (isEntry(value)) visit({ entry: value, id })
    }
  }
}

function isEntry(value: unknown): value is Entry {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { key?: unknown }).key === 'string' &&
    typeof (value as { val?: unknown }).val === 'object' &&
    (value as { val?: unknown }).val !== null &&
    !Array.isArray((value as { val?: unknown }).val)
  )
}
