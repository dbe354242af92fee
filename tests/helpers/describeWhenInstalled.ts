import { describe } from 'vitest'
import { hasPostgres } from '../../deploy/cluster/throwawayPostgres'
import { hasHaproxy } from '../../deploy/cluster/startCluster'

/** Debian packages that some suites start programs from. */
export type SystemPackage = 'postgresql' | 'haproxy'

const installed: Record<SystemPackage, () => boolean> = {
  postgresql: hasPostgres,
  haproxy: hasHaproxy,
}

/**
 * A `describe` for a suite that starts PostgreSQL or HAProxy itself. `npm test` must work right
 * after `npm install`, so on a machine without them the suite is skipped, and its name in the
 * report says which package is missing. With CI set a missing one fails the suite: `.ci/run`
 * installs both.
 */
export function describeWhenInstalled(
  packages: readonly SystemPackage[],
  name: string,
  body: () => void,
): void {
  const missing = packages.filter((name) => !installed[name]())
  if (missing.length === 0) {
    describe(name, body)
    return
  }
  // In CI a missing package is .ci/run's fault; a skip would let the run pass without the suite.
  if (process.env.CI) {
    throw new Error(`${name}: ${missing.join(' and ')} not installed, which .ci/run installs.`)
  }
  describe.skip(
    `${name} (skipped: ${missing.join(' and ')} not installed; apt-get install ${missing.join(' ')}, as .ci/run does)`,
    body,
  )
}
