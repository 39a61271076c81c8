/**
 * An ssdeep hash wrapped over two lines of a report (issue #14): PDFs, mail clients and narrow blog
 * columns break the long `blocksize:hash:hash` after any character, which left either nothing or a cut
 * hash that looked whole. The text parser holds a line-ending ssdeep (or the start of one) back until
 * the next line shows whether it goes on there.
 */
import { isSsdeep } from '../../indicators/canonical-hash';

/** The start of an ssdeep: a block size, a colon, then at least 8 characters of the first part. */
const HEAD_RE = /^(\d{1,10}):[A-Za-z0-9/+]{8,}(?::[A-Za-z0-9/+]*)?$/;
const OPENING_RE = /^[`'"([{]+/;
/** The first word of the next line, ending at a space, closing punctuation or the line's end. */
const CONTINUATION_RE = /^(\s*)([A-Za-z0-9/+:]{2,})(?=[\s`'")\]},;.]|$)/;
/** In prose, demand real-looking parts (as classify-piece does) so joined words are not taken for a hash. */
const PROSE_SSDEEP_RE = /^\d+:[A-Za-z0-9/+]{8,}:[A-Za-z0-9/+]{4,}$/;

export interface SsdeepHead {
  head: string;
  /** 0-based index of the head in its line. */
  index: number;
}

/** The ssdeep (whole or begun) that ends `line`, or null. Cheap for lines that end otherwise. */
export function ssdeepHeadAtEnd(line: string): SsdeepHead | null {
  let end = line.length;
  while (end > 0 && line.charCodeAt(end - 1) <= 0x20) end--;
  const last = line.charCodeAt(end - 1);
  // Most lines end in a full stop or a word: decide that before slicing anything.
  if (!(last === 0x2f || last === 0x2b || last === 0x3a || (last >= 0x30 && last <= 0x39) || (last >= 0x41 && last <= 0x5a) || (last >= 0x61 && last <= 0x7a))) return null;
  let start = end;
  while (start > 0 && line.charCodeAt(start - 1) > 0x20) start--;
  let token = line.slice(start, end);
  const opening = OPENING_RE.exec(token)?.[0].length ?? 0;
  token = token.slice(opening);
  // `SSDEEP:6144:…` written without a space after the label.
  const labelled = /^[A-Za-z]+:(?=\d)/.exec(token)?.[0].length ?? 0;
  token = token.slice(labelled);
  if (!HEAD_RE.test(token)) return null;
  return { head: token, index: start + opening + labelled };
}

export interface SsdeepJoin {
  value: string;
  /** Where the continuation ends in the next line: that line is scanned from here. */
  end: number;
}

/**
 * The whole ssdeep when `next` goes on with the rest of `head`; null otherwise. A head that is a whole
 * ssdeep already joins only a next line that holds nothing but the rest, with a digit, '+' or '/' in it
 * (base64 of a hash, not the next sentence's first word).
 */
export function joinSsdeep(head: string, next: string): SsdeepJoin | null {
  const m = CONTINUATION_RE.exec(next);
  if (m === null) return null;
  const rest = m[2] as string;
  const value = head + rest;
  if (!isSsdeep(value) || !PROSE_SSDEEP_RE.test(value)) return null;
  const end = (m[1] as string).length + rest.length;
  if (isSsdeep(head) && PROSE_SSDEEP_RE.test(head)) {
    const alone = next.slice(end).trim().replace(/^[`'")\]},;.]+$/, '') === '';
    if (!alone || !/[0-9+/]/.test(rest)) return null;
  }
  return { value, end };
}
