import * as Y from 'yjs'

/** Two Y.Docs joined the way two clients are through a server, under a test's control. */
export interface DocLink {
  /** Stop delivering: from now on updates queue in both directions, as if both were offline. */
  hold(): void
  /** Deliver what is queued from `from` to the other doc, keeping the link held. */
  deliverFrom(from: Y.Doc): void
  /** Deliver everything queued (first `first`'s updates, by default `a`'s) and go live again. */
  release(first?: Y.Doc): void
  /** Disconnect for good. */
  unlink(): void
}

/**
 * Links `a` and `b` (exchanging their full state first) so that every update of one is applied to
 * the other at once, or queued while the link is held. Updates arrive with the link as their
 * origin, so a test can tell them from a doc's own.
 */
export function linkDocs(a: Y.Doc, b: Y.Doc): DocLink {
  let held = false
  const queues = new Map<Y.Doc, Uint8Array[]>([
    [a, []],
    [b, []],
  ])
  const link: DocLink = { hold, deliverFrom, release, unlink }
  const other = (doc: Y.Doc) => (doc === a ? b : a)
  const queueOf = (doc: Y.Doc) => queues.get(doc) ?? []

  const forward = (from: Y.Doc) => (update: Uint8Array, origin: unknown) => {
    if (origin === link) return
    if (held) queueOf(from).push(update)
    else Y.applyUpdate(other(from), update, link)
  }
  const fromA = forward(a)
  const fromB = forward(b)
  a.on('update', fromA)
  b.on('update', fromB)
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a), link)
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b), link)

  function hold() {
    held = true
  }
  function deliverFrom(from: Y.Doc) {
    for (const update of queueOf(from).splice(0)) Y.applyUpdate(other(from), update, link)
  }
  function release(first: Y.Doc = a) {
    held = false
    deliverFrom(first)
    deliverFrom(other(first))
  }
  function unlink() {
    a.off('update', fromA)
    b.off('update', fromB)
  }
  return link
}
