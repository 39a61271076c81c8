/**
 * Finds a Chromium or Chrome to print PDFs with: `LIAISON_CHROMIUM` first (an explicit choice that
 * does not exist is an error, never silently replaced), then the usual install paths of Linux
 * packages, macOS apps and Windows installers.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { BriefingExportError } from './export-error';

const LINUX_PATHS = [
  '/usr/lib/chromium/chromium', '/usr/bin/chromium', '/usr/bin/chromium-browser', '/snap/bin/chromium',
  '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable', '/opt/google/chrome/chrome',
];
const MAC_PATHS = ['/Applications/Chromium.app/Contents/MacOS/Chromium', '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome'];

/** The browser executable to use, or BriefingExportError('no-browser') naming what was tried. */
export function findChromium(env: NodeJS.ProcessEnv = process.env, exists: (path: string) => boolean = existsSync): string {
  const chosen = env.LIAISON_CHROMIUM?.trim();
  if (chosen) {
    if (exists(chosen)) return chosen;
    throw new BriefingExportError('no-browser', `LIAISON_CHROMIUM is set to ${chosen}, which does not exist`);
  }
  const candidates = [...LINUX_PATHS, ...MAC_PATHS, ...windowsPaths(env)];
  const found = candidates.find((path) => exists(path));
  if (found) return found;
  throw new BriefingExportError('no-browser', `no Chromium or Chrome found to print the PDF; install one or set LIAISON_CHROMIUM to its executable (looked in ${candidates.join(', ')})`);
}

function windowsPaths(env: NodeJS.ProcessEnv): string[] {
  const roots = [env.PROGRAMFILES, env['PROGRAMFILES(X86)'], env.LOCALAPPDATA].filter((r): r is string => !!r);
  return roots.flatMap((root) => [join(root, 'Google', 'Chrome', 'Application', 'chrome.exe'), join(root, 'Chromium', 'Application', 'chrome.exe')]);
}
