import { RE2JS } from 're2js';

/**
 * `regex` lists. Lists come from outside (MISP repositories, partners), so their patterns are treated as
 * hostile: they run on RE2JS, a port of RE2, whose automaton matching is linear in the value's length for
 * every pattern. JavaScript's backtracking RegExp is never used for them: `(a|a)*$` or `\w*\w*\w*!` took
 * seconds to hours on a 27-letter name there (issue #15, item 1). Features RE2 cannot match in linear time
 * (backreferences, lookaround) are refused at load time with the engine's reason.
 * Entries may be `/pattern/flags` (flags i, m, s, u) or a bare pattern.
 */

export interface RegexList {
  test(value: string): boolean;
  /** Entries refused (invalid, or needing a feature a linear-time engine cannot provide), with the reason. */
  refused: string[];
}

const FLAG_BITS: Readonly<Record<string, number>> = {
  i: RE2JS.CASE_INSENSITIVE,
  m: RE2JS.MULTILINE,
  s: RE2JS.DOTALL,
  // RE2 always matches by code point, which is what `u` asks of a JavaScript regex.
  u: 0,
};

export function compileRegexList(entries: readonly string[]): RegexList {
  const compiled: RE2JS[] = [];
  const refused: string[] = [];
  for (const entry of entries) {
    const result = compileListRegex(entry);
    if (typeof result === 'string') refused.push(`${entry}: ${result}`);
    else compiled.push(result);
  }
  return {
    refused,
    test(value) {
      return compiled.some((re) => re.test(value));
    },
  };
}

/** One list entry as a linear-time pattern, or the reason it is refused. */
export function compileListRegex(entry: string): RE2JS | string {
  const slashed = /^\/(.*)\/([a-z]*)$/s.exec(entry);
  const source = slashed ? slashed[1]! : entry;
  const flags = slashed ? slashed[2]! : '';
  let bits = 0;
  for (const flag of flags) {
    const bit = FLAG_BITS[flag];
    if (bit === undefined) return `unsupported flag "${flag}" (only i, m, s, u)`;
    bits |= bit;
  }
  try {
    return RE2JS.compile(translateEscapes(source), bits);
  } catch (error) {
    const reason = error instanceof Error ? error.message.replace(/^error parsing regexp: /, '') : String(error);
    return `not usable by the linear-time regex engine (RE2 syntax; no backreferences or lookaround): ${reason}`;
  }
}

/** JavaScript's `\uXXXX` and `\u{X…}` escapes, which MISP lists use, spelled the RE2 way (`\x{X…}`). */
function translateEscapes(source: string): string {
  let out = '';
  for (let i = 0; i < source.length; i += 1) {
    const c = source[i]!;
    if (c !== '\\') {
      out += c;
      continue;
    }
    const rest = source.slice(i + 1);
    const unicode = /^u(?:([0-9a-fA-F]{4})|\{([0-9a-fA-F]{1,6})\})/.exec(rest);
    if (unicode) {
      out += `\\x{${unicode[1] ?? unicode[2]}}`;
      i += unicode[0].length;
    } else {
      out += c + (source[i + 1] ?? '');
      i += 1;
    }
  }
  return out;
}
