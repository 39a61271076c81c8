/**
 * The briefing vocabulary and the shapes the briefing service returns. Plain data and types only (no
 * imports beyond other vocabulary modules), so the IPC contract can re-export them for the renderer.
 */
import type { TlpLevel } from '../indicators/tlp-level';
import type { TriageStatus } from '../triage/triage-model';
import type { BriefingStatus } from './briefing-status';

/** Largest Markdown body of one section; a 50 MB paste is refused with this figure in the message. */
export const MAX_SECTION_BYTES = 2 * 1024 * 1024;
export const MAX_SECTIONS = 100;
export const MAX_SUMMARY_BYTES = 64 * 1024;
/** Indicators one briefing may attach: bounded so a version snapshot and an export stay fast. */
export const MAX_BRIEFING_INDICATORS = 50_000;
export const MAX_TECHNIQUES = 1_000;
export const MAX_REFERENCES = 500;
export const MAX_AUTHORS = 50;
export const MAX_DISTRIBUTION = 500;

/** The export formats (renderers live in ./export). */
export const BRIEFING_EXPORT_FORMATS = ['pdf', 'html', 'stix', 'misp', 'csv'] as const;
export type BriefingExportFormat = (typeof BRIEFING_EXPORT_FORMATS)[number];

/** The workflow's allowed moves; published is final. */
export const BRIEFING_TRANSITIONS: Readonly<Record<BriefingStatus, readonly BriefingStatus[]>> = {
  draft: ['in-review'],
  'in-review': ['draft', 'approved'],
  approved: ['published'],
  published: [],
};

/** Statuses in which the content may still change (a reviewer may edit in review). */
export const EDITABLE_STATUSES: readonly BriefingStatus[] = ['draft', 'in-review'];

export interface BriefingSection {
  /** Stable across versions, so a diff and the editor can follow a section that moved. */
  id: string;
  heading: string;
  bodyMarkdown: string;
  tlp: TlpLevel;
}

export interface BriefingPerson {
  name: string;
  organisation: string | null;
}

export type RecipientKind = 'organisation' | 'country';

export interface BriefingRecipient {
  kind: RecipientKind;
  name: string;
}

export interface BriefingReference {
  url: string | null;
  externalId: string | null;
  sourceName: string | null;
  description: string | null;
}

/** Everything an analyst writes; what save-draft and save accept and what a version freezes. */
export interface BriefingContent {
  title: string;
  summary: string;
  tlp: TlpLevel;
  sections: BriefingSection[];
  authors: BriefingPerson[];
  distribution: BriefingRecipient[];
  /** ATT&CK ids (`T1566.001`); ids the loaded catalogue does not know are kept as ids. */
  techniques: string[];
  references: BriefingReference[];
  /** ISO 8601 date or date-time; null when the briefing does not lapse. */
  validUntil: string | null;
}

export interface BriefingSummary {
  id: number;
  title: string;
  tlp: TlpLevel;
  status: BriefingStatus;
  /** Latest saved version (0 before the first save). */
  version: number;
  /** Whether the autosaved draft differs from the latest version. */
  hasUnsavedDraft: boolean;
  indicatorCount: number;
  techniqueCount: number;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
}

/** An attached indicator with its live state: triage moves on after the briefing was written. */
export interface BriefingIndicator {
  id: number;
  type: string;
  value: string;
  tlp: TlpLevel;
  status: TriageStatus;
  confidence: number | null;
  sightings: number;
  firstSeen: string | null;
  lastSeen: string | null;
  tags: string[];
}

export interface BriefingTechnique {
  id: string;
  /** Null when no ATT&CK catalogue is loaded or it does not know the id. */
  name: string | null;
  tactics: string[];
  url: string | null;
}

export interface BriefingDetail extends BriefingContent {
  id: number;
  /** Stable identity of the briefing across exports (the STIX report id derives from it). */
  uid: string;
  status: BriefingStatus;
  /** The version shown: 0 is the working draft, otherwise a saved version. */
  shownVersion: number;
  /** Latest saved version (0 before the first save). */
  version: number;
  /** Bumped by every draft write; pass it back as `expectedRevision` so two editors never overwrite each other silently. */
  revision: number;
  hasUnsavedDraft: boolean;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  indicators: BriefingIndicator[];
  /** Attachments beyond the ones listed (the detail lists at most a page of them). */
  indicatorCount: number;
  techniqueDetails: BriefingTechnique[];
  /** The highest marking of the document, its sections and its indicators: what an unrestricted export carries. */
  marking: TlpLevel;
}

/** A briefing whose working draft attaches a given indicator (the queue's detail pane lists these). */
export interface BriefingCitation {
  id: number;
  title: string;
  status: BriefingStatus;
  tlp: TlpLevel;
  version: number;
}

export interface BriefingVersionSummary {
  version: number;
  title: string;
  tlp: TlpLevel;
  createdAt: string;
  createdBy: string;
  note: string | null;
  /** The version this one restored, when it was made by a restore. */
  restoredFrom: number | null;
  /** When this version was published (then it and its briefing are immutable). */
  publishedAt: string | null;
  indicatorCount: number;
}

export interface BriefingDiff {
  id: number;
  from: number;
  to: number;
  /** Unified diff of the two versions rendered as text (title, marking, sections, attachments). */
  unified: string;
  added: number;
  removed: number;
}

export interface AttachOutcome {
  /** Newly attached (or detached) indicators. */
  changed: number;
  /** Already attached (attach) or not attached (detach). */
  unchanged: number;
  /** Keys or ids that name no indicator in the vault, first 100. */
  notFound: string[];
  notFoundCount: number;
  /** Attachments after the change. */
  total: number;
  /** The version the change was saved as (unchanged when nothing changed). */
  version: number;
}

export interface BriefingTemplateSection {
  heading: string;
  bodyMarkdown: string;
  tlp: TlpLevel | null;
}

export interface BriefingTemplate {
  id: number;
  /** `car` and `brief` for the built-in ones; null for an analyst's own. */
  key: string | null;
  name: string;
  description: string;
  builtIn: boolean;
  sections: BriefingTemplateSection[];
  createdBy: string | null;
  createdAt: string;
}

export interface WithheldItem {
  kind: 'section' | 'indicator';
  id: string;
  label: string;
  tlp: TlpLevel;
  reason: string;
}

export interface BriefingExportOutcome {
  format: BriefingExportFormat;
  version: number;
  /** Name of the written file inside the export folder. */
  fileName: string;
  bytes: number;
  /** The export's own marking: the highest marking of what it contains. */
  marking: TlpLevel;
  tlpMax: TlpLevel;
  defanged: boolean;
  withheld: WithheldItem[];
  /** What else the analyst should know about the file (e.g. a PDF listing only the first indicators). */
  notes: string[];
  /** Audit entry recording the export and what it withheld. */
  auditId: number;
}

export interface AttackTechniqueHit {
  id: string;
  name: string;
  domain: string;
  tactics: string[];
  url: string | null;
  isSubtechnique: boolean;
}

/** One loaded ATT&CK catalogue (a domain: enterprise-attack, mobile-attack or ics-attack). */
export interface AttackCatalogue {
  domain: string;
  /** The bundle's ATT&CK version (`x_mitre_version` of its collection, e.g. `16.1`). */
  version: string;
  modified: string | null;
  fileName: string;
  loadedAt: string;
  loadedBy: string;
  techniques: number;
  tactics: number;
}
