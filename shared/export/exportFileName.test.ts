import { describe, expect, it } from 'vitest'
import { exportFileName } from './exportFileName'

describe('exportFileName', () => {
  it('keeps a plain title as it is', () => {
    expect(exportFileName('Getting help with housing', 'csv')).toBe('Getting help with housing.csv')
  })

  it('drops accents and turns anything unsafe into a dash', () => {
    expect(exportFileName('Café “drop-in” / A&E', 'html')).toBe('Cafe -drop-in- - A-E.html')
    expect(exportFileName('"; filename=evil.exe', 'tldr')).toBe('filename-evil.exe.tldr')
    expect(exportFileName('../../etc/passwd', 'csv')).toBe('etc-passwd.csv')
  })

  it('says what sets a file apart after the title, however long the title', () => {
    expect(exportFileName('Getting help with housing', 'png', 'selection')).toBe(
      'Getting help with housing - selection.png',
    )
    const long = exportFileName('Housing '.repeat(20), 'tldr', 'for any tldraw app')
    expect(long).toMatch(/^(Housing ){9}Housing - for any tldraw app\.tldr$/)
  })

  it('names a board whose title has nothing usable', () => {
    expect(exportFileName('“…”', 'csv')).toBe('Commonmap board.csv')
  })
})
