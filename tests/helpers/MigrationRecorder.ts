import type { Migration, SerializedSchemaV2, StoreSchema, UnknownRecord } from '@tldraw/store'

/**
 * Runs a schema's migrations for tests and remembers which ones a test ran, so a meta-test can
 * fail for any migration nobody tested (the idea of tldraw's own migrations.test.ts). It covers
 * the sequences given, which for Commonmap are the service map's own shapes and bindings.
 */
export class MigrationRecorder {
  private readonly ran = new Set<string>()

  constructor(
    private readonly schema: StoreSchema<UnknownRecord, unknown>,
    /** The migration sequence ids this recorder watches, e.g. `com.tldraw.shape.service`. */
    readonly sequenceIds: readonly string[],
  ) {}

  /** Every migration of the watched sequences, oldest first. */
  migrations(): Migration[] {
    return this.schema.sortedMigrations.filter((migration) =>
      this.sequenceIds.some((sequenceId) => migration.id.startsWith(`${sequenceId}/`)),
    )
  }

  /** The version the schema is at for one sequence (0 when it has no migrations). */
  currentVersion(sequenceId: string): number {
    return this.schema.serialize().sequences[sequenceId] ?? 0
  }

  /** The serialized schema as a client at `version` of one sequence would have written it. */
  schemaAt(sequenceId: string, version: number): SerializedSchemaV2 {
    const serialized = this.schema.serialize()
    return { ...serialized, sequences: { ...serialized.sequences, [sequenceId]: version } }
  }

  /**
   * Runs one record migration up. The input is frozen, so a migration that changed what it was
   * given (rather than the copy the store hands it) fails here.
   */
  up(id: string, record: object): object {
    return this.run(id, 'up', record)
  }

  /** Runs one record migration down; see {@link up}. */
  down(id: string, record: object): object {
    return this.run(id, 'down', record)
  }

  /** `<id> up` / `<id> down` for every watched migration step no test has run. */
  untested(): string[] {
    const missing: string[] = []
    for (const migration of this.migrations()) {
      if (!this.ran.has(`${migration.id} up`)) missing.push(`${migration.id} up`)
      if (typeof migration.down === 'function' && !this.ran.has(`${migration.id} down`)) {
        missing.push(`${migration.id} down`)
      }
    }
    return missing
  }

  private run(id: string, direction: 'up' | 'down', record: object): object {
    const migration = this.migrations().find((m) => m.id === id)
    if (!migration) throw new Error(`No migration ${id} in the watched sequences`)
    if (migration.scope !== 'record') throw new Error(`${id} is not a record migration`)
    const step = migration[direction]
    if (typeof step !== 'function') throw new Error(`${id} has no ${direction} migration`)
    this.ran.add(`${id} ${direction}`)
    // The store migrates a copy; do the same, and freeze the original to prove it is untouched.
    const copy = structuredClone(record) as UnknownRecord
    deepFreeze(record)
    return step(copy) ?? copy
  }
}

/** Freezes a JSON value and everything in it. */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value)
    for (const child of Object.values(value)) deepFreeze(child)
  }
  return value
}
