/**
 * The filtered queue exported into a folder the core names the file in (the app's export folder), as
 * briefing exports are: the renderer never names a path, only receives the file name to offer the analyst.
 * Each export is audited with its filter, ceiling and counts, so what left the vault is on record.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { appendAudit } from '../audit';
import { writeExportFile } from '../write-export-file';
import type { TlpLevel } from '../ingest/ingest-record';
import type { QueueFilter } from './queue-query';
import { exportQueue, type QueueExportFormat } from './queue-export';
import type { QueueExportFileOutcome } from './queue-export-model';

export type { QueueExportFileOutcome };

const EXTENSIONS: Record<QueueExportFormat, string> = { csv: 'csv', stix: 'stix.json', txt: 'txt' };

export async function writeQueueExport(
  reader: Database,
  writer: () => Database,
  author: { actor: string; at: Date },
  folder: string,
  filter: QueueFilter,
  options: { format: QueueExportFormat; tlpMax: TlpLevel; defang: boolean },
): Promise<QueueExportFileOutcome> {
  const at = author.at;
  const result = exportQueue(reader, filter, { ...options, now: at });
  const bytes = new TextEncoder().encode(result.text);
  const file = freeName(folder, at, options.format);
  await writeExportFile(file, bytes);
  const outcome: QueueExportFileOutcome = {
    fileName: path.basename(file),
    format: options.format,
    tlpMax: options.tlpMax,
    defanged: options.defang && options.format !== 'stix',
    bytes: bytes.byteLength,
    count: result.count,
    withheld: result.withheld,
    marking: result.marking,
  };
  try {
    appendAudit(writer(), {
      at,
      actor: author.actor,
      action: 'indicators.export',
      target: 'queue',
      after: { ...outcome, filter, sha256: createHash('sha256').update(bytes).digest('hex') },
    });
  } catch (error) {
    // An export that could not be logged must not stay on disk looking like one that was.
    await rm(file, { force: true });
    throw error;
  }
  return outcome;
}

/** `queue-20261206-2109.csv`, with `-2`, `-3` ... when that name is taken. */
function freeName(folder: string, at: Date, format: QueueExportFormat): string {
  const stamp = at.toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-');
  for (let n = 1; ; n += 1) {
    const name = `queue-${stamp}${n === 1 ? '' : `-${n}`}.${EXTENSIONS[format]}`;
    if (!existsSync(path.join(folder, name))) return path.join(folder, name);
  }
}

