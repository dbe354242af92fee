/**
 * Copies `text` to the clipboard; true when it was copied. The clipboard API needs a secure
 * context (https or localhost): elsewhere it selects the text in `input` and copies that, so
 * the person can also copy it with their keyboard.
 */
export async function copyText(text: string, input: HTMLInputElement | null): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text)
    return true
  } catch {
    input?.select()
    return document.execCommand('copy')
  }
}
