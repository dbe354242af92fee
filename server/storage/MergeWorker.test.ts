import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { waitFor } from '../../tests/helpers/waitFor'
import { MergeWorker } from './MergeWorker'

describe('MergeWorker', () => {
  let worker: MergeWorker
  afterEach(() => worker.close())

  it('merges a snapshot and updates into one state, collecting overwritten values', async () => {
    worker = new MergeWorker()
    const doc = new Y.Doc()
    const updates: Uint8Array[] = []
    const snapshot = Y.encodeStateAsUpdate(doc)
    doc.on('update', (update: Uint8Array) => updates.push(update))
    const list = doc.getArray<string>('list')
    for (let i = 0; i < 50; i++) {
      doc.transact(() => {
        if (list.length) list.delete(0)
        list.push([`value ${i}`.repeat(20)])
      })
    }
    const merged = await worker.merge(snapshot, updates)
    const copy = new Y.Doc()
    Y.applyUpdate(copy, merged)
    expect(copy.getArray('list').toJSON()).toEqual([`value 49`.repeat(20)])
    expect(merged.byteLength).toBeLessThan(Y.mergeUpdates([snapshot, ...updates]).byteLength / 5)
  })

  it('fails a merge of bytes that are not an update, and keeps working afterwards', async () => {
    worker = new MergeWorker()
    await expect(worker.merge(new Uint8Array([1, 2, 3]), [])).rejects.toThrow()
    const empty = Y.encodeStateAsUpdate(new Y.Doc())
    await expect(worker.merge(empty, [])).resolves.toBeInstanceOf(Uint8Array)
  })

  it('gives up on a merge that takes longer than the timeout', async () => {
    worker = new MergeWorker(1)
    const big = new Y.Doc()
    big.getText('t').insert(0, 'x'.repeat(1_000_000))
    await expect(worker.merge(Y.encodeStateAsUpdate(big), [])).rejects.toThrow(/longer than 1 ms/)
  })

  it('keeps its thread for the next merge rather than starting one each time', async () => {
    worker = new MergeWorker()
    const empty = Y.encodeStateAsUpdate(new Y.Doc())
    await worker.merge(empty, [])
    const thread = worker.threadId
    await worker.merge(empty, [])
    expect(worker.isRunning).toBe(true)
    expect(worker.threadId).toBe(thread)
  })

  it('stops its thread when idle, to give back the memory a merge grew, and restarts on demand', async () => {
    worker = new MergeWorker(60_000, 50)
    const empty = Y.encodeStateAsUpdate(new Y.Doc())
    await worker.merge(empty, [])
    expect(worker.isRunning).toBe(true)
    await waitFor(() => !worker.isRunning, { what: 'the idle worker to stop' })
    await expect(worker.merge(empty, [])).resolves.toBeInstanceOf(Uint8Array)
  })
})
