import { detectName, detectType } from '../../indicators';
import type { IndicatorType } from '../../indicators';

/** A value read again after a repair, with the note that says what was changed. */
export interface RepairedValue {
  value: string;
  note: string;
}

const HASH_TYPES: ReadonlySet<IndicatorType> = new Set(['md5', 'sha1', 'sha256', 'sha512', 'ssdeep']);
const NAME_TYPES: ReadonlySet<IndicatorType> = new Set(['domain', 'hostname', 'url', 'email']);
const WHITESPACE_RE = /\s/;
const LINE_BREAK_RE = /[ \t]*[\r\n]+[ \t]*/g;
// Only where a URL holds no meaningful space: in the scheme and host, and before the path starts.
const URL_HEAD_SPACE_RE = /^([a-z][a-z0-9+.-]*:\/\/)\s*([^\s/?#]*)\s+(?=[/?#:])/i;
const COMMA_TLD_RE = /^([^\s,/]+),([A-Za-z]{2,24})(?=$|[/:?#])/;
const SCHEME_RE = /^[a-z][a-z0-9+.-]*:\/\//i;

/**
 * Values that fail as written but are plainly one indicator typed or copied badly: a hash wrapped over
 * several lines (an ssdeep in a MISP attribute), a URL with a line break or a space before its path
 * (`http://evil.example /gate.php`), a name with a comma for its last dot (`evil.example,com`). Each is
 * read as the repaired value only when that value has the shape of the same kind; null otherwise.
 */
export function repairValue(value: string, given: IndicatorType | null | undefined): RepairedValue | null {
  const type = given ?? undefined;
  if (WHITESPACE_RE.test(value)) {
    const joined = value.trim();
    const hash = joined.replace(/\s+/g, '');
    const hashType = type ?? detectType(hash);
    // A type the source gave is checked by canonicalising the result; a guessed one must be the result's.
    if (hashType !== null && HASH_TYPES.has(hashType) && (type !== undefined || detectType(hash) === hashType)) {
      return { value: hash, note: `"${shown(value)}" had whitespace inside a ${hashType} hash; read as ${shown(hash)}` };
    }
    const url = joined.replace(LINE_BREAK_RE, '').replace(URL_HEAD_SPACE_RE, '$1$2');
    if (url !== joined && !WHITESPACE_RE.test(url) && (type ?? 'url') === 'url' && detectType(url) === 'url') {
      return { value: url, note: `"${shown(value)}" had whitespace inside a URL; read as ${shown(url)}` };
    }
  }
  if (value.includes(',')) {
    const head = SCHEME_RE.exec(value)?.[0] ?? '';
    const m = COMMA_TLD_RE.exec(value.slice(head.length));
    if (m !== null) {
      const host = `${m[1]}.${m[2]}`;
      const fixed = head + host + value.slice(head.length + host.length);
      const fixedType = type ?? detectType(fixed);
      if (detectName(host.slice(host.lastIndexOf('@') + 1)) !== null && fixedType !== null && NAME_TYPES.has(fixedType)) {
        return { value: fixed, note: `"${shown(value)}" has a comma for a dot; read as ${shown(fixed)}` };
      }
    }
  }
  return null;
}

function shown(value: string): string {
  const flat = value.replace(/\s+/g, ' ');
  return flat.length > 120 ? `${flat.slice(0, 117)}...` : flat;
}
