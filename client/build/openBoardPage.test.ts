// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { openBoardPage, type BoardPageChoice } from './openBoardPage'

const CHOICE: BoardPageChoice = {
  simple: {
    scripts: ['/assets/lane-boardBoot.js', '/assets/lane-lane.js'],
    preloads: ['/assets/lane-earlySocket.js'],
    styles: ['/assets/lane-lane.css'],
  },
  board: {
    scripts: ['/assets/boardBoot.js', '/assets/index.js'],
    preloads: ['/assets/BoardPage.js'],
    styles: ['/assets/index.css'],
  },
  viewKey: 'commonmap:view',
  smallScreenQuery: '(max-width: 400px)',
  watchQuery: 'watch',
}

/** What the page asked for after {@link openBoardPage} ran, by tag. */
function requested() {
  const all = (selector: string, attribute: string) =>
    [...document.head.querySelectorAll(selector)].map((element) => element.getAttribute(attribute))
  return {
    scripts: all('script[type="module"]', 'src'),
    preloads: all('link[rel="modulepreload"]', 'href'),
    styles: all('link[rel="stylesheet"]', 'href'),
  }
}

describe("board.html's choice of build", () => {
  let smallScreen = false
  beforeEach(() => {
    document.head.innerHTML = ''
    localStorage.clear()
    window.history.replaceState(null, '', '/b/abcdefghijklmnopqrstuv')
    smallScreen = false
    vi.stubGlobal('matchMedia', (query: string) => ({
      matches: query === CHOICE.smallScreenQuery && smallScreen,
    }))
  })
  afterEach(() => {
    vi.unstubAllGlobals()
    vi.restoreAllMocks()
  })

  it("loads the phone lane's build on a small screen, all of its files at once", () => {
    smallScreen = true
    openBoardPage(CHOICE)
    expect(requested()).toEqual(CHOICE.simple)
  })

  it("loads the app's build on a larger screen", () => {
    openBoardPage(CHOICE)
    expect(requested()).toEqual(CHOICE.board)
  })

  it('follows the view the person chose on this device over the size of the screen', () => {
    localStorage.setItem(CHOICE.viewKey, 'simple')
    openBoardPage(CHOICE)
    expect(requested()).toEqual(CHOICE.simple)

    document.head.innerHTML = ''
    smallScreen = true
    localStorage.setItem(CHOICE.viewKey, 'board')
    openBoardPage(CHOICE)
    expect(requested()).toEqual(CHOICE.board)
  })

  it("opens a watch link in the app's build, which has the watcher's pages", () => {
    smallScreen = true
    window.history.replaceState(null, '', '/b/abcdefghijklmnopqrstuv?watch=w_token')
    openBoardPage(CHOICE)
    expect(requested()).toEqual(CHOICE.board)
  })

  it('lets the screen decide when storage is refused', () => {
    smallScreen = true
    vi.spyOn(Storage.prototype, 'getItem').mockImplementation(() => {
      throw new DOMException('denied', 'SecurityError')
    })
    openBoardPage(CHOICE)
    expect(requested()).toEqual(CHOICE.simple)
  })
})
