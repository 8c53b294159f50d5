/**
 * How dateutil.parser.parse (which botocore uses for Expiration values) treats a string, as far
 * as the chain cares: with a time zone (usable), without one (a naive datetime: botocore later
 * fails comparing it with its aware clock), or not a date at all (ParserError).
 * Only the common shapes are classified; anything else is 'unknown'.
 */
export type DateKind = { kind: 'aware'; date: Date } | { kind: 'naive' } | { kind: 'unparsable' } | { kind: 'unknown' };

const ISO = /^\s*(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*(Z|z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?\s*$/;

export function classifyDateutil(value: string): DateKind {
  const m = ISO.exec(value);
  if (m) {
    const tz = m[8];
    if (!tz) return { kind: 'naive' };
    const digits = tz.replace(':', '');
    const offset = /^[+-]/.test(tz) ? `${digits.slice(0, 3)}:${digits.slice(3, 5) || '00'}` : 'Z';
    const iso = `${m[1]}-${m[2]}-${m[3]}T${m[4] ?? '00'}:${m[5] ?? '00'}:${m[6] ?? '00'}${m[7] ? `.${m[7].slice(0, 3).padEnd(3, '0')}` : ''}${offset}`;
    const d = new Date(iso);
    return Number.isNaN(d.getTime()) ? { kind: 'unparsable' } : { kind: 'aware', date: d };
  }
  // RFC 1123 dates (as HTTP headers carry them) carry their zone
  if (/^[A-Za-z]{3}, \d{1,2} [A-Za-z]{3} \d{4} \d{2}:\d{2}:\d{2} (GMT|UTC|[+-]\d{4})$/.test(value.trim())) {
    const d = new Date(value);
    if (!Number.isNaN(d.getTime())) return { kind: 'aware', date: d };
  }
  // dateutil needs at least one number to read a date from
  if (!/\d/.test(value)) return { kind: 'unparsable' };
  return { kind: 'unknown' };
}
