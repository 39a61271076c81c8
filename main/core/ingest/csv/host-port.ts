/**
 * `IP:PORT` and `host:port` cells (issue #17.4): a C2 list of `163.172.147.222:4555` rows lost 397 of
 * 438 rows, because the cell as a whole is no indicator. They are network indicators: the address or
 * host is the indicator and the port is kept beside it as context, as MISP's `ip-dst|port` and
 * `hostname|port` keep both parts.
 */
import { detectType } from '../../indicators/detect-type';
import { refangValue } from '../../indicators/refang';
import type { IndicatorContext } from '../ingest-record';

const NETWORK_TYPES: ReadonlySet<string> = new Set(['ipv4', 'ipv6', 'domain', 'hostname']);
const BRACKETED = /^\[([0-9a-f:.]+)\]:(\d{1,5})$/i;
const HOST_PORT = /^([^\s:/@[\]]+):(\d{1,5})$/;

/** The host and port of `value` when it is an address or name followed by a port, else undefined. */
export function splitHostPort(value: string): { host: string; port: number } | undefined {
  const refanged = refangValue(value.trim());
  const match = BRACKETED.exec(refanged) ?? HOST_PORT.exec(refanged);
  if (!match) return undefined;
  const port = Number(match[2]);
  if (port < 1 || port > 65_535) return undefined;
  const host = match[1]!;
  return NETWORK_TYPES.has(detectType(host) ?? '') ? { host, port } : undefined;
}

/** The port as context on the indicator: searchable, shown in the detail pane, kept per source. */
export function portContext(port: number): IndicatorContext {
  return { kind: 'other', name: `port ${port}`, detail: 'listed with this port (as MISP ip-dst|port)' };
}
