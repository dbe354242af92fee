import type { ReactNode } from 'react'

/**
 * A full-page message: a link that is wrong, a board that does not exist, a board that is
 * loading. Always offers the way back to the start page.
 */
export function Notice({
  title,
  children,
  busy = false,
}: {
  title: string
  children?: ReactNode
  busy?: boolean
}) {
  return (
    <main className="notice" aria-busy={busy}>
      <h1>{title}</h1>
      {children && <p>{children}</p>}
      {!busy && (
        <p>
          <a href="/">Go to the start page</a>
        </p>
      )}
    </main>
  )
}
