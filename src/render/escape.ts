/**
 * Neutralising strings of outside origin (network, the app's environment, config files,
 * --app-dir, --replay files) before they reach a terminal or a JSON consumer: control
 * characters (C0 with newline and tab, DEL, C1) and the invisible bidi and line-breaking
 * characters that let a value rewrite or disguise what is shown (trojan-source style).
 */

/** Every character that must never reach output raw from outside. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
/** What JSON.stringify leaves raw among them (it escapes C0 and lone surrogates itself). */
const UNSAFE_AFTER_STRINGIFY = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const hex = (n: number, width: number): string => n.toString(16).padStart(width, '0');

/** `\x1b]0;t\x07` → the visible text `\x1b]0;t\x07`; `\u202e` likewise. Other text is kept as is. */
export function escapeTerminal(s: string): string {
  return s.replace(UNSAFE, (c) => {
    const n = c.charCodeAt(0);
    return n <= 0xff ? `\\x${hex(n, 2)}` : `\\u${hex(n, 4)}`;
  });
}

/**
 * JSON text with the characters JSON.stringify leaves raw written as `\uXXXX`. Outside
 * strings JSON text is ASCII, so replacing them anywhere only touches string contents.
 */
export function escapeJsonText(json: string): string {
  return json.replace(UNSAFE_AFTER_STRINGIFY, (c) => `\\u${hex(c.charCodeAt(0), 4)}`);
}

/** True when a text holds a character that escapeTerminal would escape. */
export function hasUnsafeChar(s: string): boolean {
  UNSAFE.lastIndex = 0;
  const found = UNSAFE.test(s);
  UNSAFE.lastIndex = 0;
  return found;
}
