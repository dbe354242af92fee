import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * The folder Commonmap is installed in (where its package.json is), found from this module's
 * own place, so paths are right whether the server runs from source (server/) or compiled
 * (dist/server/), and whatever the working directory.
 */
export const appRoot = findUp(dirname(fileURLToPath(import.meta.url)), 'package.json')

function findUp(from: string, file: string): string {
  for (let folder = from; ; folder = dirname(folder)) {
    if (existsSync(join(folder, file))) return folder
    if (dirname(folder) === folder) throw new Error(`No ${file} above ${from}`)
  }
}
