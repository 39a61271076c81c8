import { migration0010VaultMeta } from './0010-vault-meta';
import { migration0020AuditLog } from './0020-audit-log';
import { migration0030Settings } from './0030-settings';
import { migration0040Indicators } from './0040-indicators';
import { migration0050Triage } from './0050-triage';
import { migration0060SightingStatements } from './0060-sighting-statements';
import { migration0070SightingRecords } from './0070-sighting-records';
import { migration0090WarninglistCategories } from './0090-warninglist-categories';
import { migration0100Briefings } from './0100-briefings';
import { migration0110Bundles } from './0110-bundles';
import { migration0120Sync } from './0120-sync';
import { migration0140SearchVocabulary } from './0140-search-vocabulary';
import { migration0150SyncWithheld } from './0150-sync-withheld';
import { migration0160AuditTargetIndex } from './0160-audit-target-index';
import type { Migration } from './migration';

export type { Migration } from './migration';

/** Every migration, oldest first. New migrations are appended here (0040…); order is checked by a test. */
export const MIGRATIONS: readonly Migration[] = [
  migration0010VaultMeta,
  migration0020AuditLog,
  migration0030Settings,
  migration0040Indicators,
  migration0050Triage,
  migration0060SightingStatements,
  migration0070SightingRecords,
  migration0090WarninglistCategories,
  migration0100Briefings,
  migration0110Bundles,
  migration0120Sync,
  migration0140SearchVocabulary,
  migration0150SyncWithheld,
  migration0160AuditTargetIndex,
];

/** The schema version this build creates and understands; a vault above it is refused. */
export const LATEST_SCHEMA_VERSION: number = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;
