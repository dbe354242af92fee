import { formatDay } from '../formatDueDate'
import { LEDGER_FORMAT, LEDGER_HASHED_FIELDS } from '../ledger'
import type { BoardExport } from './boardExport'

/**
 * What an entry's hash covers, in order, as the README spells it out: the format tag as the
 * JSON string it is written as, then each field's name (see shared/ledger.ts `canonicalEntry`).
 */
export const LEDGER_HASH_FIELDS = [JSON.stringify(LEDGER_FORMAT), ...LEDGER_HASHED_FIELDS] as const

/**
 * The text of README.txt in an exported bundle: what the board is, its licence, what each
 * file is for and how anyone can check the ledger with a few lines of their own code.
 */
export function bundleReadme(model: BoardExport): string {
  const exported = formatDay(model.exportedAt)
  const { licence } = model
  return `${model.title}
${'='.repeat(Math.min(model.title.length, 72))}

Made together on Commonmap. Exported on ${exported}.

Licence: ${licence.label}
${licence.explanation}${licence.url ? `\n${licence.url}` : ''}
${licence.setBy ? `Chosen by ${licence.setBy}.` : ''}

Everyone who made this board is credited the way they chose. Some people chose not to be
named, so they are not named in any of these files.

What is in this folder
----------------------

report.pdf             The report, to print or send: what we mapped, what happens next,
                       who made it.
report.html            The same report as a web page. It opens in any browser, with no
                       internet.
board.png              A picture of the whole board. Drop it onto Commonmap to open the
                       board again.
board.svg              The same picture, sharp at any size. It also opens the board again
                       in Commonmap.
board.tldr             The board itself, to open in Commonmap and carry on. The document
                       record's "meta.commonmap" says who added what.
board-for-tldraw.tldr  The same board for tldraw and any app built on it, to carry on
                       there: in tldraw's own shapes, with "Made by" under the board.
board.excalidraw       The same board for Excalidraw, another free whiteboard, to carry on
                       there.
map.csv                The map as a table for a spreadsheet: one row for each service,
                       route, gap, note and action, with who added it. Cells that start
                       like a formula begin with ' so that a spreadsheet does not run them.
ledger.json            The record of who added, changed, moved and deleted what, and when.
                       It names people by an id; "people" says how each id is credited now.

How to check the ledger
-----------------------

The ledger is a chain: each entry holds the hash of the entry before it, so nobody can change,
remove or reorder an entry without it showing. "verified" says whether Commonmap found the
chain whole when it exported it. To check it yourself, for each entry in "entries", in order:

1. Write this JSON array, with no spaces between items (as JavaScript's JSON.stringify does):
   [${LEDGER_HASH_FIELDS.join(', ')}]
   using the entry's own values ("writtenDownBy" may be null).
2. Take the SHA-256 of its UTF-8 bytes, written as 64 lowercase hexadecimal characters.
   It must equal the entry's "hash".
3. The first entry's "prevHash" is 64 zeros; every other entry's "prevHash" must equal the
   "hash" of the entry before it, and "seq" counts up by one from 1.

For example, in Python 3:

  import hashlib, json
  entries = json.load(open("ledger.json", encoding="utf-8"))["entries"]
  previous = "0" * 64
  for n, e in enumerate(entries, start=1):
      fields = ["commonmap-ledger/1", e["boardId"], e["seq"], e["at"], e["participantId"],
                e["writtenDownBy"], e["action"], e["recordId"], e["recordType"], e["prevHash"]]
      text = json.dumps(fields, separators=(",", ":"), ensure_ascii=False)
      assert e["seq"] == n and e["prevHash"] == previous, f"entry {n} is out of place"
      assert hashlib.sha256(text.encode("utf-8")).hexdigest() == e["hash"], f"entry {n} was changed"
      previous = e["hash"]
  print("The ledger checks out:", len(entries), "entries")
`
}
