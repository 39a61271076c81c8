import { registrableDomain } from './domain-name';
import { parseIpRange } from './ip-ranges';

/**
 * What the triage workbench correlates indicators by: the registrable domain (eTLD+1) of names, URLs and
 * email addresses, and the IPv4 range an address or network covers. Derived from the canonical value
 * alone, so an import computes them off the database thread and writes them with the row.
 */
export interface CorrelationKeys {
  registrableDomain: string | null;
  ipStart: number | null;
  ipEnd: number | null;
}

const NONE: CorrelationKeys = { registrableDomain: null, ipStart: null, ipEnd: null };

export function correlationKeys(type: string, canonicalValue: string): CorrelationKeys {
  switch (type) {
    case 'domain':
    case 'hostname':
    case 'url':
    case 'email': {
      const domain = registrableDomain(canonicalValue);
      return domain === undefined ? NONE : { registrableDomain: domain, ipStart: null, ipEnd: null };
    }
    case 'ipv4':
    case 'cidr': {
      const parsed = parseIpRange(canonicalValue);
      return parsed?.v === 4 ? { registrableDomain: null, ipStart: parsed.range.start, ipEnd: parsed.range.end } : NONE;
    }
    default:
      return NONE;
  }
}
