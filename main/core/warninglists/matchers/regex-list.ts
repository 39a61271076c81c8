/**
 * `regex` lists. JavaScript regexes backtrack and cannot be interrupted, so two guards bound the cost:
 * patterns with a quantified group that itself ends in a quantifier (`(a+)+`, `(\w*)*`, `(x{2,})+`, the
 * usual catastrophic shapes) are refused at load time, and values longer than MAX_REGEX_INPUT characters
 * are not tested (reported as no match). Entries may be `/pattern/flags` (flags i, m, s, u) or a bare pattern.
 */
export const MAX_REGEX_INPUT = 1024;


export interface RegexList {
  test(value: string): boolean;
  /** Entries refused (invalid or potentially catastrophic), with the reason. */
  refused: string[];
}

export function compileRegexList(entries: readonly string[]): RegexList {
  const compiled: RegExp[] = [];
  const refused: string[] = [];
  for (const entry of entries) {
    const slashed = /^\/(.*)\/([a-z]*)$/s.exec(entry);
    const source = slashed ? slashed[1]! : entry;
    const flags = slashed ? slashed[2]! : '';
    if (/[^imsu]/.test(flags)) {
      refused.push(`${entry}: unsupported flags`);
      continue;
    }
    if (hasNestedQuantifier(source)) {
      refused.push(`${entry}: nested quantifier (could take exponential time)`);
      continue;
    }
    try {
      compiled.push(new RegExp(source, flags));
    } catch {
      refused.push(`${entry}: not a valid regular expression`);
    }
  }
  return {
    refused,
    test(value) {
      if (value.length > MAX_REGEX_INPUT) return false;
      return compiled.some((re) => re.test(value));
    },
  };
}

/** True when a group containing + * or {n,} is itself repeated by + * or {n,}: the classic ReDoS shape. */
export function hasNestedQuantifier(source: string): boolean {
  const stack: boolean[] = [];
  let inClass = false;
  for (let i = 0; i < source.length; i += 1) {
    const c = source[i]!;
    if (c === '\\') {
      i += 1;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') inClass = true;
    else if (c === '(') stack.push(false);
    else if (c === ')') {
      const inner = stack.pop() ?? false;
      const repeated = isRepeat(source, i + 1);
      if (inner && repeated) return true;
      if (stack.length > 0 && (inner || repeated)) stack[stack.length - 1] = true;
    } else if ((c === '+' || c === '*' || (c === '{' && isRepeat(source, i))) && stack.length > 0) stack[stack.length - 1] = true;
  }
  return false;
}

/** A quantifier that allows many repetitions starts at `i`: + * or {n,} / {n,m} with m > 1. */
function isRepeat(source: string, i: number): boolean {
  const c = source[i];
  if (c === '+' || c === '*') return true;
  if (c !== '{') return false;
  const m = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(i));
  return m !== null && m[2] !== undefined && (m[3] === '' || Number(m[3]) > 1);
}
