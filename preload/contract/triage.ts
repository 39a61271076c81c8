import { z } from 'zod';
import { channel, Empty } from './channel';
import type { Correlations, QueuePage, QueueRow, RelatedIndicator } from '../../main/core/triage/triage-views';
import { TlpLevelSchema } from './indicators';
// The core's own outcome type, from a dependency-free module: only the type crosses, never core code.
import type { QueueExportFileOutcome as QueueExportOutcome } from '../../main/core/triage/queue-export-model';

export const TRIAGE_STATUSES = ['new', 'in-review', 'malicious', 'suspicious', 'benign', 'false-positive', 'expired'] as const;
export type TriageStatus = (typeof TRIAGE_STATUSES)[number];
export const SEVERITIES = ['info', 'low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];
export const SOURCE_RELIABILITIES = ['A', 'B', 'C', 'D', 'E', 'F'] as const;

export const CONDITION_FIELDS = [
  'type', 'status', 'tlp', 'source', 'tag', 'confidence', 'severity', 'first_seen', 'last_seen', 'valid_until', 'warninglist', 'assignee', 'in_briefing',
] as const;
export const CONDITION_OPS = ['=', '!=', '<', '<=', '>', '>='] as const;
export const QUEUE_SORT_KEYS = ['last_seen', 'first_seen', 'confidence', 'severity', 'type_value', 'id'] as const;
export type QueueSortKey = (typeof QUEUE_SORT_KEYS)[number];

const Scalar = z.union([z.string().max(512), z.number().finite()]);
const Condition = z
  .object({ field: z.enum(CONDITION_FIELDS), op: z.enum(CONDITION_OPS), value: z.union([Scalar, z.array(Scalar).min(1).max(100)]) })
  .strict();
export const QueueFilterSchema = z.object({ conditions: z.array(Condition).max(50).optional(), text: z.string().max(500).optional() }).strict();
export const QueueSortSchema = z.object({ key: z.enum(QUEUE_SORT_KEYS), direction: z.enum(['asc', 'desc']) }).strict();
const Cursor = z.string().min(1).max(2048);

export type QueueFilter = z.input<typeof QueueFilterSchema>;
export type QueueSort = z.input<typeof QueueSortSchema>;

export type { QueuePage, QueueRow };

export const TriagePatchSchema = z
  .object({
    status: z.enum(TRIAGE_STATUSES).optional(),
    confidence: z.number().int().min(0).max(100).nullable().optional(),
    severity: z.enum(SEVERITIES).nullable().optional(),
    admiralty: z
      .object({ reliability: z.enum(SOURCE_RELIABILITIES), credibility: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5), z.literal(6)]) })
      .strict()
      .nullable()
      .optional(),
    tlp: TlpLevelSchema.optional(),
    assignee: z.string().min(1).max(100).nullable().optional(),
    notes: z.string().max(100_000).nullable().optional(),
    validUntil: z.string().max(40).nullable().optional(),
    addTags: z.array(z.string().min(1).max(100)).max(50).optional(),
    removeTags: z.array(z.string().min(1).max(100)).max(50).optional(),
  })
  .strict()
  .refine((patch) => Object.keys(patch).length > 0, 'nothing to change');
export type TriagePatch = z.input<typeof TriagePatchSchema>;

export type { Correlations, RelatedIndicator };

export interface IndicatorHistoryEntry {
  id: number;
  at: string;
  actor: string;
  action: string;
  before: unknown;
  after: unknown;
}

export interface TriageDetail {
  correlations: Correlations;
  /** Audit entries about this indicator, newest first (imports, edits, bulk changes that included it). */
  history: IndicatorHistoryEntry[];
  warninglists: WarninglistHitView[];
  notes: string | null;
}

/** What a warninglist says about its values: never indicators, or known identifiers attackers use too. */
export const WARNINGLIST_CATEGORIES = ['false-positive', 'known'] as const;
export type WarninglistCategory = (typeof WARNINGLIST_CATEGORIES)[number];

export interface WarninglistHitView {
  listId: number;
  name: string;
  category: WarninglistCategory;
  /** Only false-positive lists suggest a status; a known list asks the analyst to check instead. */
  suggestedStatus: 'false-positive' | null;
  /** What a known list holds ("VPN, proxy and Tor endpoints"); null for false-positive lists. */
  knownKind: string | null;
}

export interface WarninglistView {
  id: number;
  name: string;
  type: string;
  version: number;
  description: string;
  category: WarninglistCategory;
  categorySource: 'file' | 'classified' | 'analyst';
  entries: number;
  hits: number;
  loadedAt: string;
}

export interface CountEntry {
  key: string;
  count: number;
}

export interface Overview {
  byStatus: CountEntry[];
  byType: CountEntry[];
  byTlp: CountEntry[];
  bySource: CountEntry[];
  /** UTC days, oldest first. */
  importsPerDay: { day: string; imports: number; indicatorsNew: number; indicatorsMerged: number }[];
}

export interface SavedView {
  id: number;
  name: string;
  query: { filter: QueueFilter; sort: QueueSort };
  createdBy: string;
  updatedAt: string;
}

const QueueRequest = z
  .object({
    filter: QueueFilterSchema,
    sort: QueueSortSchema,
    limit: z.number().int().min(1).max(1000),
    cursor: Cursor.optional(),
    direction: z.enum(['next', 'prev']).optional(),
  })
  .strict();
const QueueShape = z.object({ filter: QueueFilterSchema, sort: QueueSortSchema }).strict();
const QueueAt = z.object({ filter: QueueFilterSchema, sort: QueueSortSchema, position: z.number().int().min(0), limit: z.number().int().min(1).max(1000) }).strict();
const Ids = z.array(z.number().int().positive()).min(1).max(10_000);

const TriageUpdate = z.object({ ids: Ids, patch: TriagePatchSchema }).strict();
const TriageBulk = z.object({ filter: QueueFilterSchema, patch: TriagePatchSchema }).strict();
const TriageDetailRequest = z.object({ id: z.number().int().positive() }).strict();
const ViewSave = z.object({ name: z.string().min(1).max(100), query: QueueShape }).strict();
const ViewDelete = z.object({ id: z.number().int().positive() }).strict();
/** The filtered queue written into the export folder; the core names the file (see `isExportFileName`). */
export const QUEUE_EXPORT_FORMATS = ['csv', 'stix', 'txt'] as const;
export type QueueExportFormat = (typeof QUEUE_EXPORT_FORMATS)[number];
const QueueExportRequest = z
  .object({ filter: QueueFilterSchema, format: z.enum(QUEUE_EXPORT_FORMATS), tlpMax: TlpLevelSchema, defang: z.boolean().default(true) })
  .strict();

export type { QueueExportOutcome };
const WarninglistCategoryRequest = z.object({ name: z.string().min(1).max(500), category: z.enum(WARNINGLIST_CATEGORIES) }).strict();

export const triageChannels = {
  /** One keyset page of the filtered, sorted queue. */
  'queue:page': channel<typeof QueueRequest, QueuePage>(QueueRequest),
  /** Exact number of rows of a view (builds the position index that `queue:at` seeks with). */
  'queue:total': channel<typeof QueueShape, { total: number }>(QueueShape),
  /** The page that starts at row `position` of a view: how a virtual list reaches any row quickly. */
  'queue:at': channel<typeof QueueAt, QueuePage>(QueueAt),
  /** Exports the filtered queue at a TLP ceiling into the export folder; audited. */
  'queue:export': channel<typeof QueueExportRequest, QueueExportOutcome>(QueueExportRequest),
  /** Existing tags for the Tag filter's suggestions, case folded, most used first (issue #17.7). */
  'queue:tags': channel<typeof Empty, { tag: string; count: number }[]>(Empty),
  /** Changes the given indicators (one row or a selection); one transaction, undoable. */
  'triage:update': channel<typeof TriageUpdate, { changeId: number; count: number }>(TriageUpdate),
  /** Changes every indicator of a filtered view; one transaction and one audit entry, undoable. */
  'triage:bulk': channel<typeof TriageBulk, { changeId: number; count: number }>(TriageBulk),
  /** Undoes the last change (fields edited since keep their newer value). */
  'triage:undo': channel<typeof Empty, { changeId: number; count: number; kept: number } | null>(Empty),
  /** Correlations, triage history, warninglist hits and notes for the detail pane. */
  'triage:detail': channel<typeof TriageDetailRequest, TriageDetail>(TriageDetailRequest),
  'overview:get': channel<typeof Empty, Overview>(Empty),
  'views:list': channel<typeof Empty, SavedView[]>(Empty),
  'views:save': channel<typeof ViewSave, SavedView>(ViewSave),
  'views:delete': channel<typeof ViewDelete, { deleted: boolean }>(ViewDelete),
  /** The warninglists in the vault, with their category and hit counts. */
  'warninglists:list': channel<typeof Empty, WarninglistView[]>(Empty),
  /** Sets a list's category as the analyst judges it; kept across reloads of the list. */
  'warninglists:setCategory': channel<typeof WarninglistCategoryRequest, { changed: boolean }>(WarninglistCategoryRequest),
};
