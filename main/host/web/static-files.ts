import { promises as fs } from 'node:fs';
import path from 'node:path';
import { rendererContentType } from '../renderer-policy';


export interface StaticFile {
  body: Buffer;
  contentType: string;
}

export function contentTypeFor(file: string): string {
  return rendererContentType(file) ?? 'application/octet-stream';
}

/**
 * Maps a URL path to a file inside `root`, or undefined. Decoding happens once, before the containment
 * check, and the real path is checked too, so neither `%2e%2e`, backslashes nor symlinks can leave `root`.
 */
export async function resolveStaticFile(root: string, urlPath: string): Promise<string | undefined> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return undefined;
  const relative = decoded === '/' ? 'index.html' : decoded.replace(/^\/+/, '');
  const realRoot = await fs.realpath(root);
  const candidate = path.resolve(realRoot, relative);
  if (!candidate.startsWith(realRoot + path.sep)) return undefined;
  try {
    const real = await fs.realpath(candidate);
    if (!real.startsWith(realRoot + path.sep)) return undefined;
    const stat = await fs.stat(real);
    return stat.isFile() ? real : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The page learns the API token from a meta tag, and gets the HTTP bridge as a classic script that runs
 * before the app's (deferred) module script, so `window.liaison` exists when the app starts.
 */
export function injectBridge(html: string, token: string): string {
  const tags = `<meta name="liaison-token" content="${token}" />\n    <script src="./web-bridge.js"></script>\n    `;
  const moduleScript = html.search(/<script\b[^>]*type="module"/);
  if (moduleScript >= 0) return html.slice(0, moduleScript) + tags + html.slice(moduleScript);
  const headEnd = html.indexOf('</head>');
  if (headEnd < 0) throw new Error('index.html has no </head>');
  return html.slice(0, headEnd) + tags + html.slice(headEnd);
}

export async function readStaticFile(file: string, token: string): Promise<StaticFile> {
  const contentType = contentTypeFor(file);
  const body = await fs.readFile(file);
  if (path.basename(file) !== 'index.html') return { body, contentType };
  return { body: Buffer.from(injectBridge(body.toString('utf8'), token), 'utf8'), contentType };
}
