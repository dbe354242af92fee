import { request } from 'node:http'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { startCluster, type Cluster } from '../../deploy/cluster/startCluster'
import { describeWhenInstalled } from '../helpers/describeWhenInstalled'

/**
 * Creates a board through HAProxy from `from`, a loopback address of its own (Linux answers on
 * all of 127.0.0.0/8), so HAProxy sees a different person than the processes see it as; answers
 * with the status.
 */
function createBoardFrom(cluster: Cluster, from: string, origin?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${cluster.url}/api/boards`,
      {
        method: 'POST',
        localAddress: from,
        headers: { 'Content-Type': 'application/json', ...(origin ? { Origin: origin } : {}) },
      },
      (res) => {
        res.resume()
        res.once('end', () => resolve(res.statusCode ?? 0))
      },
    )
    req.once('error', reject)
    req.end(JSON.stringify({ title: 'Getting help with housing' }))
  })
}

describeWhenInstalled(
  ['postgresql', 'haproxy'],
  'three Commonmap processes behind HAProxy, as people at different addresses reach them',
  () => {
    let cluster: Cluster

    beforeAll(async () => {
      cluster = await startCluster({ withoutFsync: true, env: { BOARDS_PER_MINUTE: '1' } })
    }, 120_000)
    afterAll(async () => {
      await cluster?.stop()
    })

    it("counts each person's own address for the per-address limits, and serves pages from HAProxy's origin", async () => {
      // Six people, one board each, from a page HAProxy served: without their own addresses
      // every process would see HAProxy's twice and refuse the second.
      const people = ['127.0.0.2', '127.0.0.3', '127.0.0.4', '127.0.0.5', '127.0.0.6', '127.0.0.7']
      for (const person of people) {
        expect(await createBoardFrom(cluster, person, cluster.url)).toBe(201)
      }
      // Four more from the first person: at least two reach one process (there are three), and
      // it refuses the second of them.
      const again: number[] = []
      for (let i = 0; i < 4; i++) again.push(await createBoardFrom(cluster, people[0] as string))
      expect(again).toContain(429)
    })
  },
)
