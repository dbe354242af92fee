import { describe, expect, it } from 'vitest'
import { ROLE_IDS, ROLES, isRoleId, roleLabel } from './roles'

describe('roles', () => {
  it('lists every role id exactly once, in the published order', () => {
    expect(ROLES.map((r) => r.id)).toEqual([...ROLE_IDS])
    expect(ROLE_IDS).toEqual([
      'lived-experience',
      'carer',
      'practitioner',
      'manager',
      'facilitator',
      'other',
    ])
  })

  it('recognises only known role ids', () => {
    expect(isRoleId('carer')).toBe(true)
    expect(isRoleId('admin')).toBe(false)
    expect(isRoleId(3)).toBe(false)
  })

  it("shows a person's own words for Other, and the standard label otherwise", () => {
    expect(roleLabel('lived-experience')).toBe('Lived experience')
    expect(roleLabel('other', '  Peer researcher ')).toBe('Peer researcher')
    expect(roleLabel('other', '   ')).toBe('Other')
    expect(roleLabel('practitioner', 'ignored')).toBe('Practitioner')
  })
})
