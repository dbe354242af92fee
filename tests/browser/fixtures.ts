import { test as base } from '@playwright/test'

export { expect } from '@playwright/test'

/**
 * Playwright's `test`, closing every browser context a test opened when it ends, passed or not.
 * The browser lives as long as the worker (the whole suite, with one worker), so a context left
 * open keeps its page running: a board whose server has stopped tries to reconnect, and tldraw
 * keeps rendering. A dozen of those took half a core from the tests that came after them.
 */
export const test = base.extend<{ closesItsContexts: void }>({
  closesItsContexts: [
    async ({ browser }, use) => {
      const before = new Set(browser.contexts())
      await use()
      const opened = browser.contexts().filter((context) => !before.has(context))
      await Promise.all(opened.map((context) => context.close()))
    },
    { auto: true },
  ],
})
