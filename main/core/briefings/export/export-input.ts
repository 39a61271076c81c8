import type { IndicatorType } from '../../indicators/indicator-type';
import type { TlpLevel } from '../../ingest/ingest-record';
import type { TriageStatus } from '../../triage/triage-model';
import type { BriefingStatus } from '../briefing-status';

/**
 * One briefing version as every exporter sees it: plain data read from the vault in one snapshot, so
 * the exporters (HTML, PDF, STIX, MISP, CSV) never touch SQL and the TLP ceiling is applied to this
 * shape once, before any of them runs.
 */
export interface BriefingExportInput {
  readonly id: string;
  readonly title: string;
  readonly summary: string;
  readonly tlp: TlpLevel;
  readonly status: BriefingStatus;
  readonly version: number;
  /** ISO 8601 UTC with milliseconds (`...Z`). */
  readonly created: string;
  readonly modified: string;
  readonly validUntil: string | null;
  readonly authors: readonly ExportPerson[];
  /** The vault's analyst and organisation: the STIX `created_by_ref` identity. */
  readonly producer: ExportPerson;
  /** Recipient organisations and countries, as written by the analyst. */
  readonly distribution: readonly string[];
  readonly sections: readonly ExportSection[];
  readonly indicators: readonly ExportIndicator[];
  readonly techniques: readonly ExportTechnique[];
  readonly references: readonly ExportReference[];
}

export interface ExportPerson {
  readonly name: string;
  readonly organisation: string | null;
}

export interface ExportSection {
  readonly id: string;
  readonly heading: string;
  readonly bodyMarkdown: string;
  readonly tlp: TlpLevel;
}

export interface ExportIndicator {
  readonly id: string;
  readonly type: IndicatorType;
  readonly value: string;
  readonly tlp: TlpLevel;
  readonly status: TriageStatus;
  /** 0-100, or null when nobody scored it. */
  readonly confidence: number | null;
  readonly firstSeen: string;
  readonly lastSeen: string;
  readonly sightings: number;
  readonly tags: readonly string[];
}

export interface ExportTechnique {
  /** ATT&CK id such as `T1566.001`; accepted even when no catalogue is loaded. */
  readonly id: string;
  /** Null when the ATT&CK catalogue is not loaded or does not know the id. */
  readonly name: string | null;
  /** Tactic short names (`initial-access`), the heatmap's columns; empty when unknown. */
  readonly tactics: readonly string[];
  readonly url: string | null;
}

export interface ExportReference {
  readonly url: string | null;
  readonly externalId: string | null;
  readonly sourceName: string | null;
  readonly description: string | null;
}
