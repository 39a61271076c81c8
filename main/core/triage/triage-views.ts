/**
 * Queue rows and correlations as the app shows them. Dependency-free, so the IPC contract (and through it
 * the renderer) imports these with `import type` instead of keeping copies that drift.
 */
import type { TlpLevel } from '../indicators/tlp-level';
import type { TriageStatus } from './triage-model';

export interface QueueRow {
  id: number;
  type: string;
  value: string;
  display: string | null;
  status: TriageStatus;
  tlp: TlpLevel;
  confidence: number | null;
  severity: number | null;
  sourceReliability: string | null;
  infoCredibility: number | null;
  firstSeen: string | null;
  lastSeen: string | null;
  validUntil: string | null;
  sightings: number;
  flags: string[];
  assignee: string | null;
  tags: string[];
  /** Names of the warninglists the value is on ("on list: Public DNS resolvers"). */
  warninglists: string[];
}

export interface QueuePage {
  rows: QueueRow[];
  /** Cursor to read the rows after this page; null at the end. */
  nextCursor: string | null;
  /** Cursor to read the rows before this page; null at the start. */
  prevCursor: string | null;
}

export interface RelatedIndicator {
  id: number;
  type: string;
  value: string;
  status: string;
}

export interface Correlations {
  registrableDomain: string | null;
  sameDomain: RelatedIndicator[];
  /** Listed networks (CIDR indicators) that contain this address. */
  containingNetworks: RelatedIndicator[];
  /** Listed addresses inside this network. */
  addressesInNetwork: RelatedIndicator[];
  /** Other hashes and names of the same file, when a source linked them. */
  sameFile: RelatedIndicator[];
}
