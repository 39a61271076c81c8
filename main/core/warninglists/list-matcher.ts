/**
 * One compiled warninglist: which indicator types it applies to, and how a value of each type is
 * tested (the host of a URL or e-mail address for hostname lists, the address of a URL for cidr lists).
 */
import type { IndicatorType } from '../indicators';
import { parseIpRange } from '../indicators';
import { compileSubstringMatcher } from './matchers/aho-corasick';
import { compileHostnameSuffixSet } from './matchers/hostname-suffix-set';
import { compileIpRangeSet } from './matchers/ip-range-set';
import { compileRegexList } from './matchers/regex-list';
import { compileStringSet } from './matchers/string-set';
import { indicatorTypesFor } from './misp-attribute-types';
import type { WarninglistType } from './warninglist-file';

export interface ListMatcher {
  listId: number;
  types: ReadonlySet<IndicatorType>;
  matches(type: string, value: string): boolean;
  /** Entries that could not be used (bad CIDR, refused regex). */
  skipped: string[];
}

export interface CompilableList {
  id: number;
  type: WarninglistType;
  matchingAttributes: readonly string[];
  entries: readonly string[];
}

const NAME_TYPES: ReadonlySet<string> = new Set(['domain', 'hostname']);

export function compileList(list: CompilableList): ListMatcher {
  const types = indicatorTypesFor(list.matchingAttributes);
  const base = { listId: list.id, types };
  switch (list.type) {
    case 'string': {
      const has = compileStringSet(list.entries);
      return { ...base, skipped: [], matches: (_type, value) => has(value) };
    }
    case 'substring': {
      const has = compileSubstringMatcher(list.entries);
      return { ...base, skipped: [], matches: (_type, value) => has(value) };
    }
    case 'hostname': {
      const has = compileHostnameSuffixSet(list.entries);
      return {
        ...base,
        skipped: [],
        matches: (type, value) => {
          const host = NAME_TYPES.has(type) ? value : type === 'url' ? urlHost(value) : type === 'email' ? value.slice(value.lastIndexOf('@') + 1) : undefined;
          return host !== undefined && host !== '' && has(host);
        },
      };
    }
    case 'cidr': {
      const set = compileIpRangeSet(list.entries);
      return {
        ...base,
        skipped: set.invalid,
        matches: (type, value) => {
          const text = type === 'url' ? urlHost(value) : value;
          const range = text === undefined ? undefined : parseIpRange(text);
          return range !== undefined && set.contains(range);
        },
      };
    }
    case 'regex': {
      const re = compileRegexList(list.entries);
      return { ...base, skipped: re.refused, matches: (_type, value) => re.test(value) };
    }
  }
}

/** Host of a canonical URL without allocating a URL object (hot path); brackets of IPv6 removed. */
export function urlHost(url: string): string | undefined {
  const scheme = url.indexOf('://');
  if (scheme < 0) return undefined;
  let start = scheme + 3;
  let end = url.length;
  for (let i = start; i < url.length; i += 1) {
    const c = url[i];
    if (c === '/' || c === '?' || c === '#') {
      end = i;
      break;
    }
  }
  const at = url.lastIndexOf('@', end);
  if (at >= start) start = at + 1;
  let host = url.slice(start, end);
  if (host.startsWith('[')) return host.slice(1, host.indexOf(']') < 0 ? undefined : host.indexOf(']'));
  const colon = host.lastIndexOf(':');
  if (colon >= 0) host = host.slice(0, colon);
  return host.toLowerCase();
}
