import * as encoding from 'lib0/encoding'
import * as Y from 'yjs'

/**
 * Splits a Yjs (V1) update into updates of at most about `budget` bytes each that, applied in
 * order, do what it does: runs of one client's consecutive items, then its deletions alone. A
 * client's answer to the server's sync request holds everything it changed while offline, in one
 * message; the server takes no message larger than MAX_MESSAGE_BYTES (shared/limits.ts), so a
 * long time offline must not make one. Consecutive insertions of one client are one item in
 * Yjs (a thousand cards added one after another, say), so items are cut too, to about the budget.
 *
 * Yjs has no public way to cut an update, so this writes the decoded items back with their own
 * `write` (as Yjs's own `mergeUpdates` does); the format is Yjs's update format V1.
 */
export function splitUpdate(update: Uint8Array, budget: number): Uint8Array[] {
  const { structs, ds } = Y.decodeUpdate(update)
  const pieces: Uint8Array[] = []
  let run: Y.AbstractStruct[] = []
  let body = new Y.UpdateEncoderV1()
  const flush = () => {
    if (run.length === 0) return
    const first = run[0]!.id
    const piece = encoding.createEncoder()
    encoding.writeVarUint(piece, 1)
    encoding.writeVarUint(piece, run.length)
    encoding.writeVarUint(piece, first.client)
    encoding.writeVarUint(piece, first.clock)
    encoding.writeUint8Array(piece, body.toUint8Array())
    // No deletions: they come last, in a piece of their own.
    encoding.writeVarUint(piece, 0)
    pieces.push(encoding.toUint8Array(piece))
    run = []
    body = new Y.UpdateEncoderV1()
  }
  for (const struct of structs.flatMap((whole) => sliced(whole, budget))) {
    const previous = run.at(-1)
    const follows =
      previous !== undefined &&
      previous.id.client === struct.id.client &&
      previous.id.clock + previous.length === struct.id.clock
    if (!follows || encoding.length(body.restEncoder) >= budget) flush()
    // The third argument is in the typings only; no struct reads it.
    struct.write(body, 0, 0)
    run.push(struct)
  }
  flush()
  if (ds.clients.size > 0) pieces.push(deletionsOnly(ds))
  return pieces
}

/**
 * An item cut into consecutive items of about `budget` bytes each, as Yjs itself cuts one
 * (`splitItem`): each later part's origin is the unit just before it. Items decoded from an
 * update belong to no document, so cutting their content in place is safe.
 */
function sliced(struct: Y.AbstractStruct, budget: number): Y.AbstractStruct[] {
  if (!(struct instanceof Y.Item) || struct.length <= 1) return [struct]
  const probe = new Y.UpdateEncoderV1()
  struct.write(probe, 0)
  const bytes = encoding.length(probe.restEncoder)
  if (bytes <= budget) return [struct]
  const units = Math.max(1, Math.floor((struct.length * budget) / bytes))
  const parts: Y.AbstractStruct[] = []
  let left: Y.Item = struct
  while (left.length > units) {
    const { client, clock } = left.id
    const right = new Y.Item(
      Y.createID(client, clock + units),
      null,
      Y.createID(client, clock + units - 1),
      null,
      left.rightOrigin,
      left.parent,
      left.parentSub,
      left.content.splice(units),
    )
    left.length = units
    parts.push(left)
    left = right
  }
  parts.push(left)
  return parts
}

/** An update of nothing but the deletions `ds` (the delete set's V1 encoding). */
function deletionsOnly(ds: ReturnType<typeof Y.decodeUpdate>['ds']): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, 0)
  encoding.writeVarUint(encoder, ds.clients.size)
  for (const [client, ranges] of ds.clients) {
    encoding.writeVarUint(encoder, client)
    encoding.writeVarUint(encoder, ranges.length)
    for (const { clock, len } of ranges) {
      encoding.writeVarUint(encoder, clock)
      encoding.writeVarUint(encoder, len)
    }
  }
  return encoding.toUint8Array(encoder)
}
