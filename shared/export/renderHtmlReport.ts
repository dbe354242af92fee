import { formatDay, formatDueDate } from '../formatDueDate'
import type { OutlineRoute } from '../mapOutline'
import { routeFromCard, serviceDetailParts } from '../outlineWords'
import { ActionStatuses } from '../shapes/actionShape'
import type { NotePurpose } from '../shapes/purposeNoteShape'
import { ServiceKinds } from '../shapes/serviceShape'
import { PRIORITISED_INTRO } from '../voteWords'
import type { BoardExport } from './boardExport'

/** Markup that is safe to insert as it is: only {@link html} and {@link raw} make one. */
class Html {
  constructor(readonly text: string) {}
}

type HtmlValue = string | number | Html | readonly HtmlValue[]

/**
 * An HTML template in which every interpolated string is escaped and only {@link Html} values
 * are inserted as they are: people's words cannot become markup unless someone wraps them in
 * {@link raw}, which only this file's fixed stylesheet is.
 */
function html(strings: TemplateStringsArray, ...values: HtmlValue[]): Html {
  let text = strings[0] ?? ''
  values.forEach((value, i) => {
    text += render(value) + (strings[i + 1] ?? '')
  })
  return new Html(text)
}

function render(value: HtmlValue): string {
  if (value instanceof Html) return value.text
  if (Array.isArray(value)) return value.map(render).join('')
  return escapeHtml(String(value))
}

function raw(text: string): Html {
  return new Html(text)
}

/** Escapes text for use in HTML content and in quoted attribute values. */
function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c)
}

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
}

/** Options of {@link renderHtmlReport}. */
export interface HtmlReportOptions {
  /**
   * A picture of the whole board. `src` must be a `data:` URL: the report is one self-contained
   * file, and its Content-Security-Policy loads images from nowhere else.
   */
  readonly boardImage?: { readonly src: string; readonly alt: string }
}

/**
 * The policy the report carries in its own `<meta>`, so even opened from a disk it can run no
 * script and contact no host. Inline style only; pictures only from `data:` URLs.
 */
export const HTML_REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"

/**
 * The board as a report people can read, print and keep: what was mapped, what happens next,
 * who made it and under which licence. One self-contained, accessible HTML file (real headings
 * and lists, inline CSS, no requests). Every word that came from a person is escaped.
 */
export function renderHtmlReport(model: BoardExport, options: HtmlReportOptions = {}): string {
  const exported = formatDay(model.exportedAt)
  const image = options.boardImage
  return `<!doctype html>\n${
    html`<html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta http-equiv="Content-Security-Policy" content="${HTML_REPORT_CSP}" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${model.title}</title>
        <style>
          ${raw(STYLE)}
        </style>
      </head>
      <body>
        <main>
          <header>
            <h1>${model.title}</h1>
            <p>
              Made together on Commonmap. Exported on
              <time datetime="${new Date(model.exportedAt).toISOString()}">${exported}</time>.
            </p>
          </header>
          ${
            image
              ? html`<figure>
                  <img src="${image.src}" alt="${image.alt}" />
                  <figcaption>The whole board.</figcaption>
                </figure>`
              : ''
          }
          ${whatWeMapped(model)} ${whatWePrioritised(model)} ${whatHappensNext(model)}
          ${whoMadeThis(model)} ${licence(model)}
        </main>
      </body>
    </html> `.text
  }`
}

function whatWeMapped({ outline, authors }: BoardExport): Html {
  const addedBy = (id: string) => {
    const author = authors.get(id)
    if (!author) return ''
    const who = author.role ? `${author.name} · ${author.role}` : author.name
    return html` <span class="by"
      >Added by
      ${who}${author.writtenDownBy ? `, written down by ${author.writtenDownBy}` : ''}.</span
    >`
  }
  const routes = (card: {
    routesIn: readonly OutlineRoute[]
    routesOut: readonly OutlineRoute[]
  }) =>
    card.routesIn.length + card.routesOut.length === 0
      ? ''
      : html`<ul class="routes">
          ${[
            ...card.routesIn.map(
              (route) => html`<li>${routeFromCard(route, 'in')}${note(route)}</li>`,
            ),
            ...card.routesOut.map(
              (route) => html`<li>${routeFromCard(route, 'out')}${note(route)}</li>`,
            ),
          ]}
        </ul>`
  const note = (route: OutlineRoute) => (route.note ? ` (${route.note})` : '')
  const details = (parts: (string | false)[]) => {
    const shown = parts.filter(Boolean)
    return shown.length ? html` <span class="details">${shown.join(' · ')}</span>` : ''
  }

  const services = outline.serviceGroups.map(
    ({ kind, services: list }) =>
      html`<h4>${ServiceKinds.get(kind).label}</h4>
        <ul>
          ${list.map(
            (service) =>
              html`<li>
                <strong>${service.name}</strong>${details([
                  ...serviceDetailParts(service),
                  service.notes,
                ])}${addedBy(service.id)}${routes(service)}
              </li>`,
          )}
        </ul>`,
  )
  const people = outline.people.map(
    (person) =>
      html`<li>
        <strong>${person.name}</strong>${details([
          person.needs && `Needs: ${person.needs}`,
          person.wants && `Wants: ${person.wants}`,
        ])}${addedBy(person.id)}${routes(person)}
      </li>`,
  )
  const gaps = outline.gaps.map(
    (gap) => html`<li>From ${gap.from.name} to ${gap.to.name}${note(gap)}${addedBy(gap.id)}</li>`,
  )
  const notes = outline.notes.map(
    ({ purpose, notes: list }) =>
      html`<h3>${NOTE_HEADINGS[purpose]}</h3>
        ${
          list.length
            ? html`<ul>
                ${list.map((n) => html`<li>${n.text}${addedBy(n.id)}</li>`)}
              </ul>`
            : NOTHING
        }`,
  )
  return html`<section aria-labelledby="mapped">
    <h2 id="mapped">What we mapped</h2>
    <h3>Services</h3>
    ${services.length ? services : NOTHING}
    ${
      people.length
        ? html`<h3>Someone like me</h3>
            <ul>
              ${people}
            </ul>`
        : ''
    }
    <h3>Gaps: where there is no route</h3>
    ${
      gaps.length
        ? html`<ul>
            ${gaps}
          </ul>`
        : NOTHING
    }
    ${notes}
  </section>`
}

const NOTE_HEADINGS: Record<NotePurpose, string> = {
  barrier: 'Barriers',
  'what-works': 'What works',
  idea: 'Ideas',
  question: 'Questions',
}

const NOTHING = html`<p class="nothing">Nothing here yet.</p>`

function whatWePrioritised({ prioritised }: BoardExport): Html | string {
  if (!prioritised) return ''
  const cards = prioritised.cards.map(
    (card) =>
      html`<li>
        <strong>${card.name}</strong>: ${card.total}
        ${
          card.split.length
            ? html`<ul>
                ${card.split.map((line) => html`<li>${line}</li>`)}
              </ul>`
            : ''
        }
      </li>`,
  )
  return html`<section aria-labelledby="prioritised">
    <h2 id="prioritised">What we prioritised</h2>
    <p>${PRIORITISED_INTRO}</p>
    <ol>
      ${cards}
    </ol>
    ${
      prioritised.differences?.length
        ? html`<h3>Where people with lived experience and professionals differed</h3>
            <ul>
              ${prioritised.differences.map((line) => html`<li>${line}</li>`)}
            </ul>`
        : ''
    }
  </section>`
}

function whatHappensNext({ outline }: BoardExport): Html {
  const actions = outline.actions.map(
    (action) =>
      html`<li>
        <strong>${action.what.trim() || 'An action with nothing written yet'}</strong>
        <span class="details"
          >Who: ${action.who || 'nobody yet'} · By when:
          ${formatDueDate(action.due) || 'no date yet'} ·
          ${ActionStatuses.get(action.status).label}</span
        >
      </li>`,
  )
  return html`<section aria-labelledby="next">
    <h2 id="next">What happens next</h2>
    ${
      actions.length
        ? html`<ul>
            ${actions}
          </ul>`
        : NOTHING
    }
  </section>`
}

function whoMadeThis({ credits, facilitatedBy }: BoardExport): Html {
  const groups = credits.map(
    (group) =>
      html`<h3>${group.label}${group.count === null ? '' : ` (${group.count} people)`}</h3>
        <ul>
          ${group.names.map((name) => html`<li>${name}</li>`)}
        </ul>`,
  )
  return html`<section aria-labelledby="credits">
    <h2 id="credits">Who made this</h2>
    <p>Everyone is named the way they chose. Some people chose not to be named.</p>
    ${groups} ${facilitatedBy ? html`<p>${facilitatedBy}.</p>` : NOTHING}
  </section>`
}

function licence({ licence: chosen }: BoardExport): Html {
  const name = chosen.url ? html`<a href="${chosen.url}">${chosen.label}</a>` : chosen.label
  const when = chosen.setAt === null ? '' : ` on ${formatDay(chosen.setAt)}`
  return html`<section aria-labelledby="licence">
    <h2 id="licence">Licence</h2>
    <p>${name}</p>
    <p>${chosen.explanation}</p>
    <p>
      ${
        chosen.setBy
          ? `Chosen by ${chosen.setBy}${when}.`
          : chosen.setAt === null
            ? 'Nobody has chosen a licence for this board, so it has the one every board starts with.'
            : `Chosen by someone on the board${when}.`
      }
    </p>
  </section>`
}

const STYLE = `
body { margin: 0; font: 1.05rem/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1a1a1a; background: #fff; }
main { max-width: 46rem; margin: 0 auto; padding: 1.5rem; }
h1 { font-size: 2rem; line-height: 1.2; }
h2 { margin-top: 2.5rem; border-bottom: 2px solid #1a1a1a; }
h3 { margin-top: 1.5rem; }
figure { margin: 1.5rem 0; }
img { max-width: 100%; height: auto; border: 1px solid #767676; }
ul { padding-left: 1.25rem; }
li { margin: 0.4rem 0; }
.routes { font-size: 0.95rem; }
.details { display: block; }
.by, .nothing { color: #505050; }
a { color: #0b57a4; }
@media print { h2 { break-after: avoid; } li { break-inside: avoid; } }
`
