/**
 * Saves `blob` as a file called `fileName` in the browser's downloads, through a link to a blob
 * URL: the file is made on this device and never passes through a server.
 */
export function downloadFile(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  link.style.display = 'none'
  document.body.append(link)
  link.click()
  link.remove()
  // The download has its own copy once it starts; Chromium needs a moment before the URL goes.
  setTimeout(() => URL.revokeObjectURL(url), 60_000)
}
