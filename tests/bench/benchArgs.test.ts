import { describe, expect, it } from 'vitest'
import { HOSTILE_ATTACKS, isEveryAttack, parseBenchArgs, SCENARIOS } from './benchArgs'

describe('parseBenchArgs', () => {
  it('runs everything, three rounds, each scenario for its own time, by default', () => {
    expect(parseBenchArgs([])).toEqual({
      scenarios: new Set(SCENARIOS),
      rounds: 3,
      measureSeconds: undefined,
      cpuProfile: false,
      attacks: new Set(HOSTILE_ATTACKS),
    })
  })

  it('runs the scenarios named, in one flag or several, and the older -only flags', () => {
    const args = parseBenchArgs(['--scenario', 'many-boards,idle', '--scenario', 'cursors'])
    expect([...args.scenarios]).toEqual(['many-boards', 'idle', 'cursors'])
    expect([...parseBenchArgs(['--latency-only']).scenarios]).toEqual(['latency'])
    expect([...parseBenchArgs(['--export-only']).scenarios]).toEqual(['export'])
    expect([...parseBenchArgs(['--page-weight-only']).scenarios]).toEqual(['page-weight'])
    expect([...parseBenchArgs(['--cold-load-only', '--scenario', 'idle']).scenarios]).toEqual([
      'cold-load',
      'idle',
    ])
  })

  it('reads rounds, measured seconds and profiling', () => {
    expect(parseBenchArgs(['--rounds', '1', '--measure-seconds', '5', '--cpu-prof'])).toMatchObject(
      { rounds: 1, measureSeconds: 5, cpuProfile: true },
    )
  })

  it('sends the hostile neighbour only the attacks named', () => {
    expect([...parseBenchArgs(['--attacks', 'change,exports']).attacks]).toEqual([
      'change',
      'exports',
    ])
    expect(isEveryAttack(['change', 'exports'])).toBe(false)
    expect(isEveryAttack([...parseBenchArgs([]).attacks])).toBe(true)
  })

  it('refuses what it does not know, saying how it is used', () => {
    expect(() => parseBenchArgs(['--scenario', 'fast'])).toThrow(/No scenario "fast".*Usage/)
    expect(() => parseBenchArgs(['--attacks', 'ddos'])).toThrow(/No attack "ddos".*Usage/)
    expect(() => parseBenchArgs(['--rounds', '0'])).toThrow(/whole number/)
    expect(() => parseBenchArgs(['--rounds'])).toThrow(/needs a value/)
    expect(() => parseBenchArgs(['--quick'])).toThrow(/Unknown flag --quick/)
  })
})
