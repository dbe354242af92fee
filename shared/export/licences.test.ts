import { describe, expect, it } from 'vitest'
import { DEFAULT_LICENCE_CHOICE, licenceChoiceValidator } from './licences'

describe('licence choices', () => {
  it('accepts a recorded choice', () => {
    const choice = { id: 'cc0-1.0', setBy: 'p_sam0000000000000000000', setAt: 5 }
    expect(licenceChoiceValidator.isValid(choice)).toBe(true)
  })

  it('has a default chosen by nobody, and refuses unknown licences and choosers', () => {
    expect(DEFAULT_LICENCE_CHOICE).toEqual({ id: 'cc-by-4.0', setBy: null, setAt: null })
    expect(licenceChoiceValidator.isValid({ id: 'mine-all-mine', setBy: null, setAt: null })).toBe(
      false,
    )
    expect(licenceChoiceValidator.isValid({ id: 'cc0-1.0', setBy: 'Sam', setAt: 1 })).toBe(false)
  })
})
