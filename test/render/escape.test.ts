// The renderers show values of outside origin escaped (issue 10 item 2): the report's strings
// are escaped before they are laid out; the tool's own colour codes are the only raw ESC.
import { describe, expect, it } from 'vitest';
import { escapeJsonText, escapeTerminal } from '../../src/render/escape.ts';

describe('escapeTerminal', () => {
  it('shows an OSC title, a clear screen, C1, DEL, bidi overrides and line breaks as visible escapes', () => {
    expect(escapeTerminal('a\u001b]0;t\u0007b')).toBe('a\\x1b]0;t\\x07b');
    expect(escapeTerminal('\u001b[2J')).toBe('\\x1b[2J');
    expect(escapeTerminal('\u009b\u0085\u007f')).toBe('\\x9b\\x85\\x7f');
    expect(escapeTerminal('role/\u202eevil\u2066\u200f\u061c')).toBe('role/\\u202eevil\\u2066\\u200f\\u061c');
    expect(escapeTerminal('x\n✔ all good\r\u2028')).toBe('x\\x0a✔ all good\\x0d\\u2028');
    expect(escapeTerminal('arn:aws:iam::123456789012:role/é-ü ✔')).toBe('arn:aws:iam::123456789012:role/é-ü ✔');
  });
});

describe('escapeJsonText', () => {
  it('writes C1, DEL and bidi characters that JSON.stringify leaves raw as \\uXXXX', () => {
    const json = JSON.stringify({ a: '\u0085\u009b\u007f\u202e\u2028' });
    expect(escapeJsonText(json)).toBe('{"a":"\\u0085\\u009b\\u007f\\u202e\\u2028"}');
    expect(JSON.parse(escapeJsonText(json))).toEqual({ a: '\u0085\u009b\u007f\u202e\u2028' });
  });
});
