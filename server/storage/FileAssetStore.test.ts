import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { FileAssetStore } from './FileAssetStore'

const boardId = 'abcdefghijklmnopqrstuv'
const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3])

describe('FileAssetStore', () => {
  let dir: string
  let store: FileAssetStore
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'commonmap-assets-'))
    store = new FileAssetStore(dir)
  })
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  it('stores a picture under its content hash, once, with no temporary files left', async () => {
    const name = await store.save(boardId, png, 'image/png')
    expect(name).toMatch(/^[0-9a-f]{64}\.png$/)
    expect(await store.save(boardId, png, 'image/png')).toBe(name)
    expect(readdirSync(join(dir, boardId))).toEqual([name])

    const found = await store.find(boardId, name)
    expect(found).toMatchObject({ type: 'image/png', size: png.byteLength })
    expect(
      Buffer.from(
        await found!
          .open()
          .toArray()
          .then((c) => Buffer.concat(c)),
      ),
    ).toEqual(Buffer.from(png))
  })

  it.each([
    ['../secret.png'],
    ['..%2Fsecret.png'],
    ['x.png'],
    [`${'a'.repeat(64)}.svg`],
    [`${'A'.repeat(64)}.png`],
    [`${'a'.repeat(64)}.png/..`],
  ])('refuses the name %s without touching the disk', async (name) => {
    writeFileSync(join(dir, 'secret.png'), 'secret')
    expect(await store.find(boardId, name)).toBeUndefined()
  })

  it('refuses a board id that could escape the folder', async () => {
    await expect(store.save('../etc', png, 'image/png')).rejects.toThrow()
    expect(await store.find('../../../../etc', `${'a'.repeat(64)}.png`)).toBeUndefined()
  })

  it('answers undefined for a well-formed name that was never stored', async () => {
    expect(await store.find(boardId, `${'0'.repeat(64)}.png`)).toBeUndefined()
  })
})
