import pg from 'pg'
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest'
import { CloseCode } from '../../shared/closeCodes'
import { startCluster, type Cluster, type ClusterProcess } from '../../deploy/cluster/startCluster'
import { describeWhenInstalled } from '../helpers/describeWhenInstalled'
import { waitFor } from '../helpers/waitFor'
import { ClusterWorkshop } from './ClusterWorkshop'

/** "Every client reconnects and converges within 5 s" of a process dying (issue 14). */
const CONVERGE_WITHIN_MS = 5000
/** Where no deadline is promised, only that nothing is lost: as long as a loaded machine needs. */
const SETTLE_WITHIN_MS = 30_000

describeWhenInstalled(
  ['postgresql', 'haproxy'],
  'three Commonmap processes on PostgreSQL behind HAProxy, 30 people on 10 boards',
  () => {
    let cluster: Cluster
    let workshop: ClusterWorkshop | undefined

    beforeAll(async () => {
      cluster = await startCluster({ withoutFsync: true })
    }, 120_000)
    afterEach(async () => {
      workshop?.close()
      workshop = undefined
      // The next test starts with all three processes running and up in HAProxy.
      for (const process of cluster.processes) {
        if (process.pid === undefined) await process.restart()
        await waitFor(() => process.isUpInProxy(), { what: `process ${process.number} up` })
      }
    })
    afterAll(async () => {
      await cluster?.stop()
    })

    /** The process serving the most of the workshop's boards. */
    const busiest = (on: ClusterWorkshop): ClusterProcess => {
      const counts = new Map<ClusterProcess, number>()
      for (const board of on.boards) {
        const owner = on.ownerOf(board.id)
        if (owner) counts.set(owner, (counts.get(owner) ?? 0) + 1)
      }
      return [...counts].sort((a, b) => b[1] - a[1])[0]![0]
    }

    it('loses nothing when a process is killed mid-session: its boards move and everyone catches up', async () => {
      workshop = await ClusterWorkshop.start(cluster)
      workshop.startEditing()
      await workshop.waitForNotes(10)

      const victim = busiest(workshop)
      const itsBoards = workshop.boards.filter((board) => workshop!.ownerOf(board.id) === victim)
      await victim.signal('SIGKILL')
      // Edits made while the connection is down are kept by the client and sent on reconnect.
      await workshop.waitForNotes(4)
      workshop.stopEditing()
      await workshop.expectEveryoneConverged(CONVERGE_WITHIN_MS)

      for (const board of itsBoards) expect(workshop.ownerOf(board.id)).not.toBe(victim)
      await workshop.expectEverythingStored()
    }, 120_000)

    it('moves the boards of an owner paused past its lease; woken, it stores nothing under its old fence', async () => {
      workshop = await ClusterWorkshop.start(cluster)
      workshop.startEditing()
      await workshop.waitForNotes(8)
      workshop.stopEditing()
      await workshop.expectEveryoneConverged(SETTLE_WITHIN_MS)

      const paused = busiest(workshop)
      const board = workshop.boards.find((each) => workshop!.ownerOf(each.id) === paused)!
      const fenceBefore = await fenceOf(board.id)
      await paused.signal('SIGSTOP')
      // Sent to the paused process: they wait in its socket buffers, and the clients keep them.
      workshop.addNoteEverywhere()
      // HAProxy marks it down and closes its sessions; once the lease runs out another process
      // takes the board, and the clients send it what the paused one never stored.
      await waitFor(async () => (await fenceOf(board.id)) > fenceBefore, {
        what: 'another process to take the board',
      })
      expect(workshop.ownerOf(board.id)).not.toBe(paused)
      await workshop.expectEveryoneConverged(SETTLE_WITHIN_MS)

      const logged = paused.logs.length
      await paused.signal('SIGCONT')
      // Woken, it finds the board gone: the handover requests or its failed renewal end its lease,
      // and whatever it still tries to append under the old fence the database refuses
      // (storage.append-refused; which comes first depends on the order it reads its sockets).
      await waitFor(
        () =>
          paused.logs
            .slice(logged)
            .some(
              (line) =>
                line.boardId === board.id &&
                ['board.lost', 'storage.append-refused'].includes(String(line.event)),
            ),
        { what: 'the paused process to learn it lost the board' },
      )
      // No chain forked: nothing the paused process held was stored after the new owner began.
      expect(await appendsAfterTakeover(board.id, fenceBefore)).toBe(0)
      workshop.addNoteEverywhere()
      await workshop.expectEveryoneConverged(SETTLE_WITHIN_MS)
      await workshop.expectEverythingStored()
    }, 180_000)

    it('loses nothing over a rolling restart of all three processes', async () => {
      workshop = await ClusterWorkshop.start(cluster)
      workshop.startEditing()
      await workshop.waitForNotes(5)
      for (const process of cluster.processes) {
        // A graceful stop: its clients are told to reconnect (1012) and its boards are released.
        await process.signal('SIGTERM')
        await workshop.waitForNotes(3)
        await process.restart()
        await waitFor(() => process.isUpInProxy(), { what: `process ${process.number} back up` })
        await workshop.waitForNotes(3)
      }
      workshop.stopEditing()
      await workshop.expectEveryoneConverged(SETTLE_WITHIN_MS)
      await workshop.expectEverythingStored()
      expect(workshop.clientsClosedWith(CloseCode.ServiceRestart)).toBeGreaterThan(0)
    }, 180_000)

    async function withDatabase<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
      const client = new pg.Client({ connectionString: cluster.postgres.url })
      await client.connect()
      try {
        return await work(client)
      } finally {
        await client.end()
      }
    }

    function fenceOf(boardId: string): Promise<number> {
      return withDatabase(async (client) => {
        const { rows } = await client.query<{ fence: string }>(
          'SELECT fence FROM board_owners WHERE board_id = $1',
          [boardId],
        )
        return Number(rows[0]?.fence ?? 0)
      })
    }

    /** Updates stored under a fence up to `oldFence` after the first one stored under a newer one. */
    function appendsAfterTakeover(boardId: string, oldFence: number): Promise<number> {
      return withDatabase(async (client) => {
        const { rows } = await client.query<{ n: string }>(
          `SELECT count(*) AS n FROM updates
            WHERE board_id = $1 AND fence <= $2
              AND seq > (SELECT coalesce(min(seq), 'Infinity'::numeric) FROM updates
                          WHERE board_id = $1 AND fence > $2)`,
          [boardId, oldFence],
        )
        return Number(rows[0]?.n)
      })
    }
  },
)
