/**
 * WebDAV locations as Windows writes them, read as the HTTP(S) URLs they fetch. Payload delivery uses
 * them to make a remote share look like a folder (`.lnk`/`.url` lures opening `\\host@SSL\DavWWWRoot\x`):
 * - `\\host@SSL\share\x`, `\\host@SSL@8443\x` -> https://host[:8443]/share/x
 * - `\\host@8080\share\x` (`@80` too)          -> http://host:8080/share/x
 * - `file://host@SSL/DavWWWRoot/x`, `file://1.2.3.4@8789/x`: the same written as a file URL.
 * `DavWWWRoot` is the WebClient's name for the server's root, not a folder on it, so it is dropped.
 */

export interface WebdavLocation {
  /** The HTTP(S) URL the WebClient service requests. */
  url: string;
  host: string;
  /** Characters of the input the location takes. */
  length: number;
}

// Host, then `@SSL`, `@SSL@port` or `@port`, then the path (backslashes in UNC, slashes in a file URL).
const UNC_RE = /^\\\\([A-Za-z0-9.-]{1,253})@(?:(SSL)(?:@(\d{1,5}))?|(\d{1,5}))((?:\\[^\\\s"'<>|`*]*)*)/i;
const FILE_URL_RE = /^file:\/\/([A-Za-z0-9.-]{1,253})@(?:(SSL)(?:@(\d{1,5}))?|(\d{1,5}))((?:\/[^\s"'<>|`*]*)?)/i;
const DAV_ROOT = 'davwwwroot';
const TRAILING = new Set(['.', ',', ';', ':', '!', '?', ')', ']', '}']);

/** The WebDAV location at the start of `text` (refanged), or null when there is none. */
export function readWebdavLocation(text: string): WebdavLocation | null {
  const unc = text.startsWith('\\\\');
  let m = (unc ? UNC_RE : FILE_URL_RE).exec(text);
  if (m === null) return null;
  // Punctuation after the path ends the sentence, not the path.
  let end = m[0].length;
  while (end > 0 && TRAILING.has(text[end - 1] as string)) end--;
  if (end < m[0].length) m = (unc ? UNC_RE : FILE_URL_RE).exec(text.slice(0, end));
  if (m === null) return null;
  const host = (m[1] as string).toLowerCase();
  const ssl = m[2] !== undefined;
  const port = Number(ssl ? (m[3] ?? 443) : m[4]);
  if (!Number.isInteger(port) || port < 1 || port > 65535) return null;
  const rest = m[5] as string;
  const query = unc ? -1 : rest.search(/[?#]/);
  const path = query < 0 ? rest : rest.slice(0, query);
  const segments = path.split(unc ? '\\' : '/').slice(1);
  if (segments[0]?.toLowerCase() === DAV_ROOT) segments.shift();
  const scheme = ssl ? 'https' : 'http';
  const defaultPort = ssl ? 443 : 80;
  const url = `${scheme}://${host}${port === defaultPort ? '' : `:${port}`}/${segments.join('/')}${query < 0 ? '' : rest.slice(query)}`;
  return { url, host, length: m[0].length };
}
