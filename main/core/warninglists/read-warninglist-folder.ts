/** Finds and parses every `list.json` under a folder (e.g. a checkout of MISP/misp-warninglists). */
import fs from 'node:fs';
import path from 'node:path';
import { isWorkbenchError, WorkbenchError } from '../errors';
import { parseWarninglist, type WarninglistFile } from './warninglist-file';

export interface FolderRead {
  lists: WarninglistFile[];
  /** Files that were not valid warninglists, as `relative/path: reason`; they are skipped, not fatal. */
  problems: string[];
}

/** Reads every list.json below `dir` (recursively, symlinks not followed), sorted by path. */
export function readWarninglistFolder(dir: string): FolderRead {
  if (!fs.statSync(dir, { throwIfNoEntry: false })?.isDirectory()) throw new WorkbenchError('INVALID_INPUT', 'The warninglist folder does not exist.');
  const files = (fs.readdirSync(dir, { recursive: true, withFileTypes: true }) as fs.Dirent[])
    .filter((entry) => entry.isFile() && entry.name === 'list.json')
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
  const read: FolderRead = { lists: [], problems: [] };
  const names = new Set<string>();
  for (const file of files) {
    const label = path.relative(dir, file);
    try {
      const list = parseWarninglist(fs.readFileSync(file, 'utf8'), label);
      if (names.has(list.name)) read.problems.push(`${label}: a list named "${list.name}" was already read; skipped.`);
      else {
        names.add(list.name);
        read.lists.push(list);
      }
    } catch (error) {
      read.problems.push(isWorkbenchError(error) ? error.message : `${label}: could not be read.`);
    }
  }
  return read;
}
