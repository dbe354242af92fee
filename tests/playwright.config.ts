import { defineConfig } from '@playwright/test'

/**
 * Browser tests drive Debian's Chromium (Playwright cannot download its own browsers here).
 * Each test file starts its own Commonmap server on port 0 with a temporary data folder and
 * serves the client built into dist/client (`npm test` builds it first).
 */
export default defineConfig({
  testDir: './browser',
  outputDir: '../test-results',
  // Sized for a loaded two-core CI machine rather than a fast laptop (`npm run test:stress`
  // runs the suite with one core taken): a test with two or three browsers and a server on
  // two cores can take minutes there. Tests still wait for what a person would see.
  timeout: 240_000,
  expect: { timeout: 30_000 },
  // Two cores: one for the server, one for the browser.
  workers: 1,
  retries: 0,
  reporter: 'list',
  use: {
    viewport: { width: 1280, height: 800 },
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      // Chromium's own background traffic (updates, safe browsing) would count as requests to
      // other hosts and is refused on this network anyway.
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
})
