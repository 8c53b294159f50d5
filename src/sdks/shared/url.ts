/** URL helpers every SDK folder shares (each SDK's own acceptance rules stay in its folder). */

/** `new URL` without the throw (WHATWG parsing, as Node and the JS SDK parse). */
export function parseUrl(text: string): URL | null {
  try {
    return new URL(text);
  } catch {
    return null;
  }
}
