import { describe, expect, it } from 'vitest'
import { exportFileName, FALLBACK_FILE_NAME } from './exportFileName'

describe('exportFileName', () => {
  it('names the file after the board', () => {
    expect(exportFileName('Crisis support in Leeds', 'pdf')).toBe('Crisis support in Leeds.pdf')
    expect(exportFileName('Crisis support', 'png', 'selection')).toBe(
      'Crisis support (selection).png',
    )
  })

  it('keeps accents and other scripts, which file systems accept', () => {
    expect(exportFileName('Café – Сергей’s map', 'svg')).toBe('Café – Сергей’s map.svg')
  })

  it('takes out what would break a file name or point elsewhere', () => {
    expect(exportFileName('../../etc/passwd', 'csv')).toBe('etc passwd.csv')
    expect(exportFileName('Who: us? <all>\n"of us"', 'html')).toBe('Who us all of us.html')
    expect(exportFileName('a\\b|c*d', 'tldr')).toBe('a b c d.tldr')
  })

  it('falls back to a plain name when nothing is left', () => {
    expect(exportFileName(' ... ', 'zip')).toBe(`${FALLBACK_FILE_NAME}.zip`)
  })

  it('keeps long titles to a length every system accepts', () => {
    expect(exportFileName('x'.repeat(300), 'pdf')).toHaveLength(84)
  })
})
