import { AssetRecordType, createBookmarkFromUrl, getHashForString, T, type Editor } from 'tldraw'

/**
 * Makes pasted links into plain bookmark cards without contacting the linked site.
 *
 * tldraw's default fetches a pasted page to read its title and picture, and turns some links
 * (YouTube, maps…) into embedded frames from that site. Either would make every browser on the
 * board contact another host, which Commonmap promises never to do: workshops happen behind
 * NHS firewalls, and participants' privacy matters.
 */
export function registerLinkPasting(editor: Editor): void {
  editor.registerExternalAssetHandler('url', async ({ url }) =>
    AssetRecordType.create({
      id: AssetRecordType.createId(getHashForString(url)),
      type: 'bookmark',
      props: { src: url, title: url, description: '', image: '', favicon: '' },
      meta: {},
    }),
  )
  editor.registerExternalContentHandler('url', async ({ url, point }) => {
    if (!T.linkUrl.isValid(url)) return
    const center = point ?? editor.getViewportPageBounds().center
    const result = await createBookmarkFromUrl(editor, { url, center })
    if (result.ok) editor.select(result.value.id)
  })
}
