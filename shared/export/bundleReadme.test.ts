import { sha256 } from '@noble/hashes/sha2.js'
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js'
import { describe, expect, it } from 'vitest'
import { exportSource, HIDDEN_NAME } from '../../tests/helpers/exportSource'
import { EMPTY_LEDGER_HEAD, sealEntries } from '../ledger'
import { buildBoardExport } from './boardExport'
import { bundleReadme, LEDGER_HASH_FIELDS } from './bundleReadme'

describe('bundleReadme', () => {
  const readme = bundleReadme(buildBoardExport(exportSource()))

  it('says what the board is, its licence and who chose it', () => {
    expect(readme).toMatch(/^Getting help with housing\n=+\n/)
    expect(readme).toContain('Exported on 14 March 2026.')
    expect(readme).toContain('Licence: Creative Commons Attribution-ShareAlike 4.0 (CC BY-SA 4.0)')
    expect(readme).toContain('Chosen by Bea · Carer or family.')
    expect(readme).not.toContain(HIDDEN_NAME)
  })

  it('says what every file in the bundle is', () => {
    for (const file of [
      'report.pdf',
      'report.html',
      'board.png',
      'board.svg',
      'board.tldr',
      'board-for-tldraw.tldr',
      'board.excalidraw',
      'map.csv',
      'ledger.json',
    ]) {
      expect(readme).toMatch(new RegExp(`^${file.replace('.', '\\.')} +\\S`, 'm'))
    }
  })

  it('describes exactly how an entry’s hash is made, so anyone can check it', () => {
    const { entries } = sealEntries('board-1', EMPTY_LEDGER_HEAD, [
      {
        at: 1_700_000_000_000,
        participantId: 'p_sam0000000000000000000',
        writtenDownBy: null,
        action: 'created',
        recordId: 'shape:a',
        recordType: 'note',
      },
      {
        at: 1_700_000_000_500,
        participantId: 'p_ann0000000000000000000',
        writtenDownBy: 'p_sam0000000000000000000',
        action: 'words',
        recordId: 'shape:a',
        recordType: 'note',
      },
    ])
    for (const entry of entries) {
      // As a reader of the README would: the first item is a JSON string, the rest field names.
      const [format, ...names] = LEDGER_HASH_FIELDS
      const fields = [
        JSON.parse(format) as string,
        ...names.map((name) => entry[name as keyof typeof entry]),
      ]
      expect(bytesToHex(sha256(utf8ToBytes(JSON.stringify(fields))))).toBe(entry.hash)
    }
    expect(readme).toContain(`[${LEDGER_HASH_FIELDS.join(', ')}]`)
  })
})
