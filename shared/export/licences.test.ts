import { describe, expect, it } from 'vitest'
import { DEFAULT_LICENCE_CHOICE, licenceInForce } from './licences'

describe('licenceInForce', () => {
  it('reads a recorded choice', () => {
    const choice = { id: 'cc0-1.0', setBy: 'p_sam0000000000000000000', setAt: 5 }
    expect(licenceInForce(choice)).toEqual(choice)
  })

  it('is the default, chosen by nobody, when nothing valid is recorded', () => {
    expect(DEFAULT_LICENCE_CHOICE).toEqual({ id: 'cc-by-4.0', setBy: null, setAt: null })
    expect(licenceInForce(undefined)).toEqual(DEFAULT_LICENCE_CHOICE)
    expect(licenceInForce({ id: 'mine-all-mine', setBy: null, setAt: null })).toEqual(
      DEFAULT_LICENCE_CHOICE,
    )
    expect(licenceInForce({ id: 'cc0-1.0', setBy: 'Sam', setAt: 1 })).toEqual(
      DEFAULT_LICENCE_CHOICE,
    )
  })
})
