/**
 * Tokenizer for the STIX patterning language (STIX 2.1 §9.2-9.4, the same lexicon as 2.0 part 5).
 * Keywords are read as identifiers and recognised by the parser where the grammar expects them.
 */

/** The only error the pattern tokenizer and parser throw; `position` is a 0-based character index. */
export class StixPatternError extends Error {
  override readonly name = 'StixPatternError';
  constructor(
    readonly reason: string,
    readonly position: number,
  ) {
    super(`${reason} at character ${position}`);
  }
}

export type TokenKind =
  | 'ident' | 'string' | 'int' | 'float' | 'hex' | 'binary' | 'timestamp'
  | '[' | ']' | '(' | ')' | ':' | '.' | ',' | '*'
  | '=' | '!=' | '<' | '<=' | '>' | '>=' | 'eof';

export interface Token {
  kind: TokenKind;
  /** Identifier text, decoded string/literal body, or number text. */
  text: string;
  position: number;
}

// Character classes by char code: the tokenizer runs once per indicator, a hot path on large bundles.
function isIdentStart(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f;
}
function isIdentPart(c: number): boolean {
  return isIdentStart(c) || isDigit(c) || c === 0x2d;
}
function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}
const HEX_BODY = /^(?:[0-9A-Fa-f]{2})*$/;
const BASE64_BODY = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
// §9.4 timestamp literal: RFC 3339 in UTC with the 'Z' suffix, optional fractional seconds.
const TIMESTAMP_BODY = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z$/;

/** Splits a pattern into tokens; throws StixPatternError on a malformed literal or stray character. */
export function tokenizePattern(pattern: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const n = pattern.length;
  while (i < n) {
    const c = pattern[i]!;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') { i++; continue; }
    const start = i;
    if (c === "'") {
      const [text, next] = readQuoted(pattern, i);
      tokens.push({ kind: 'string', text, position: start });
      i = next;
      continue;
    }
    const code = pattern.charCodeAt(i);
    if (isIdentStart(code)) {
      const prefixed = pattern.charCodeAt(i + 1) === 0x27 || pattern.charCodeAt(i + 3) === 0x27 ? readPrefixedLiteral(pattern, i) : undefined;
      if (prefixed) { tokens.push(prefixed.token); i = prefixed.next; continue; }
      while (i < n && isIdentPart(pattern.charCodeAt(i))) i++;
      tokens.push({ kind: 'ident', text: pattern.slice(start, i), position: start });
      continue;
    }
    if (isDigit(code) || ((c === '-' || c === '+') && isDigit(pattern.charCodeAt(i + 1)))) {
      i++;
      while (i < n && isDigit(pattern.charCodeAt(i))) i++;
      let kind: TokenKind = 'int';
      if (pattern[i] === '.' && isDigit(pattern.charCodeAt(i + 1))) {
        kind = 'float';
        i++;
        while (i < n && isDigit(pattern.charCodeAt(i))) i++;
      }
      tokens.push({ kind, text: pattern.slice(start, i), position: start });
      continue;
    }
    const two = pattern.slice(i, i + 2);
    if (two === '!=' || two === '<>') { tokens.push({ kind: '!=', text: two, position: start }); i += 2; continue; }
    if (two === '<=' || two === '>=' || two === '==') {
      tokens.push({ kind: two === '==' ? '=' : two, text: two, position: start });
      i += 2;
      continue;
    }
    if ('[]():.,*=<>'.includes(c)) { tokens.push({ kind: c as TokenKind, text: c, position: start }); i++; continue; }
    throw new StixPatternError(`unexpected character '${c}'`, i);
  }
  tokens.push({ kind: 'eof', text: '', position: n });
  return tokens;
}

/**
 * Reads a quoted body from the quote at `i`. §9.3 defines only \' and \\ as escapes; producers often
 * write regexes with other backslash sequences (\d, \.), which are kept verbatim rather than failing
 * the whole indicator.
 */
function readQuoted(pattern: string, i: number): [string, number] {
  const start = i;
  let text = '';
  let from = i + 1;
  let at = from;
  for (;;) {
    const quote = pattern.indexOf("'", at);
    if (quote < 0) throw new StixPatternError('unterminated string literal', start);
    const backslash = pattern.indexOf('\\', at);
    if (backslash < 0 || backslash > quote) return [text + pattern.slice(from, quote), quote + 1];
    const next = pattern[backslash + 1];
    if (next === undefined) throw new StixPatternError('unterminated string literal', start);
    if (next === "'" || next === '\\') {
      text += pattern.slice(from, backslash) + next;
      from = backslash + 2;
    }
    at = backslash + 2;
  }
}

function readPrefixedLiteral(pattern: string, i: number): { token: Token; next: number } | undefined {
  const match = /^(h|b64|b|t)'/.exec(pattern.slice(i, i + 4));
  if (!match) return undefined;
  const prefix = match[1]!;
  const [body, next] = readQuoted(pattern, i + prefix.length);
  if (prefix === 'h') {
    if (!HEX_BODY.test(body)) throw new StixPatternError('invalid hex literal', i);
    return { token: { kind: 'hex', text: body, position: i }, next };
  }
  if (prefix === 't') {
    if (!TIMESTAMP_BODY.test(body)) throw new StixPatternError('invalid timestamp literal (expected RFC 3339 UTC)', i);
    return { token: { kind: 'timestamp', text: body, position: i }, next };
  }
  if (!BASE64_BODY.test(body)) throw new StixPatternError('invalid binary (base64) literal', i);
  return { token: { kind: 'binary', text: body, position: i }, next };
}
