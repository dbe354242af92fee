import type { LedgerAction } from './ledger'

/**
 * Which props of each shape type hold words: writing or changing them is authorship; changing
 * any other prop (size, colour, geometry) is arranging. This is the one place to extend when a
 * shape type is added: give its type and the props that hold what people wrote.
 */
export const WORD_PROPS: Readonly<Record<string, readonly string[]>> = {
  note: ['richText'],
  geo: ['richText'],
  text: ['richText'],
  arrow: ['richText'],
  frame: ['name'],
  bookmark: ['url'],
  embed: ['url'],
  image: ['altText'],
  video: ['altText'],
  // The service map's shapes: their words, and the choices that say what a card means (a
  // service's kind, a route's kind, an action's status), which are what someone said, not layout.
  service: ['name', 'kind', 'runBy', 'forWhom', 'access', 'notes'],
  person: ['situation', 'needs', 'wants'],
  'purpose-note': ['purpose', 'text'],
  action: ['what', 'who', 'due', 'status'],
  route: ['kind', 'note'],
  // Drawings, lines and groups have no words: drawing one is "created", reshaping it "arranged".
  draw: [],
  highlight: [],
  line: [],
  group: [],
}

/**
 * For a shape type that is not in {@link WORD_PROPS} (a custom shape from a newer client, say):
 * props with these names are words, and so is any rich-text value (a TipTap `{ type: 'doc' }`
 * object) whatever its name. Counting too much as words would only credit someone for a change
 * that was not theirs; counting too little would let words change without credit, which is
 * worse, so the list errs on the side of words.
 */
export const FALLBACK_WORD_PROPS: readonly string[] = [
  'richText',
  'text',
  'name',
  'label',
  'title',
  'notes',
  'what',
  'description',
  'url',
  'altText',
]

/** Record types (tldraw `typeName`s) whose words live in top-level fields, not in props. */
const RECORD_WORD_FIELDS: Readonly<Record<string, readonly string[]>> = {
  page: ['name'],
}

/**
 * Record types the ledger records. Shapes are what people make; pages have names people write;
 * bindings (an arrow joined to a shape) are arrangement. Everything else in the document is
 * bookkeeping: `document` (board settings), `user` (tldraw's cache of display names, which the
 * server keeps to the credited names), `asset` (the picture behind an image shape, whose shape
 * is what is recorded).
 */
export const LEDGER_RECORD_TYPES: readonly string[] = ['shape', 'page', 'binding']

/** A record as the ledger sees it: enough to classify a change without tldraw's types. */
export interface RecordLike {
  readonly typeName?: unknown
  readonly type?: unknown
  readonly props?: unknown
  readonly meta?: unknown
  readonly [field: string]: unknown
}

/** The ledger's name for a record's kind: a shape's type (`note`), else its type name (`page`). */
export function recordKind(record: RecordLike): string {
  if (record.typeName === 'shape' && typeof record.type === 'string') return record.type
  if (record.typeName === 'binding' && typeof record.type === 'string') {
    return `binding:${record.type}`
  }
  return typeof record.typeName === 'string' ? record.typeName : 'unknown'
}

function isRichText(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (value as { type?: unknown }).type === 'doc'
}

/**
 * The words of a record: the values of its word props (or fields), in a fixed order, none
 * when it has none. Compared value by value ({@link classifyRecordChange}), never serialized:
 * this runs for every change of every record, and stringifying both sides of each was a few
 * per cent of a busy server's time.
 */
export function wordValuesOf(record: RecordLike): readonly unknown[] {
  if (record.typeName === 'shape') {
    const props = (record.props ?? {}) as Record<string, unknown>
    const type = typeof record.type === 'string' ? record.type : ''
    const names =
      WORD_PROPS[type] ??
      Object.keys(props).filter(
        (name) => FALLBACK_WORD_PROPS.includes(name) || isRichText(props[name]),
      )
    return names.map((name) => props[name] ?? null)
  }
  const fields = RECORD_WORD_FIELDS[String(record.typeName)] ?? []
  return fields.map((name) => record[name] ?? null)
}

/**
 * What a change of one record amounts to for the ledger, or null when it is not recorded: a
 * record type the ledger ignores, or a change to `meta` alone (bookkeeping, such as a client's
 * own attribution stamps, never authorship). Words win over arranging when one change does both.
 */
export function classifyRecordChange(
  before: RecordLike | undefined,
  after: RecordLike | undefined,
): LedgerAction | null {
  const record = after ?? before
  if (!record || !LEDGER_RECORD_TYPES.includes(String(record.typeName))) return null
  if (!before) return 'created'
  if (!after) return 'deleted'
  if (!deepEqual(wordValuesOf(before), wordValuesOf(after))) return 'words'
  return sameApartFromMeta(before, after) ? null : 'arranged'
}

function sameApartFromMeta(a: RecordLike, b: RecordLike): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)])
  for (const key of keys) {
    if (key === 'meta') continue
    if (!deepEqual(a[key], b[key])) return false
  }
  return true
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false
  if (Array.isArray(a) !== Array.isArray(b)) return false
  const ka = Object.keys(a)
  const kb = Object.keys(b)
  if (ka.length !== kb.length) return false
  for (const key of ka) {
    if (!deepEqual((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key])) {
      return false
    }
  }
  return true
}
