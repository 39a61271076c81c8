import { z } from 'zod';
import { BRIEFING_STATUSES } from '../../main/core/briefings/briefing-status';
import {
  BRIEFING_EXPORT_FORMATS,
  MAX_AUTHORS,
  MAX_DISTRIBUTION,
  MAX_REFERENCES,
  MAX_SECTIONS,
  MAX_TECHNIQUES,
  type AttachOutcome,
  type BriefingCitation,
  type AttackCatalogue,
  type AttackTechniqueHit,
  type BriefingDetail,
  type BriefingDiff,
  type BriefingExportOutcome,
  type BriefingSummary,
  type BriefingTemplate,
  type BriefingVersionSummary,
} from '../../main/core/briefings/briefing-model';
import { channel, Empty } from './channel';
import { TlpLevelSchema } from './indicators';
import { QueueFilterSchema } from './triage';

export { BRIEFING_STATUSES, BRIEFING_EXPORT_FORMATS };
export type { BriefingStatus } from '../../main/core/briefings/briefing-status';
export type {
  AttachOutcome,
  AttackCatalogue,
  BriefingCitation,
  AttackTechniqueHit,
  BriefingContent,
  BriefingDetail,
  BriefingDiff,
  BriefingExportFormat,
  BriefingExportOutcome,
  BriefingIndicator,
  BriefingPerson,
  BriefingRecipient,
  BriefingReference,
  BriefingSection,
  BriefingSummary,
  BriefingTechnique,
  BriefingTemplate,
  BriefingTemplateSection,
  BriefingVersionSummary,
  WithheldItem,
} from '../../main/core/briefings/briefing-model';

const BriefingId = z.number().int().positive();
const Version = z.number().int().positive();
const Revision = z.number().int().min(0);
const ShortText = z.string().max(500);

/**
 * Section bodies are bounded by the core (2 MB each, with a message naming the section); the schema's
 * bound only stops a payload no section limit could accept from being parsed any further.
 */
const SectionSchema = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
    heading: z.string().max(500),
    bodyMarkdown: z.string().max(64 * 1024 * 1024),
    tlp: TlpLevelSchema,
  })
  .strict();
const PersonSchema = z.object({ name: z.string().min(1).max(200), organisation: z.string().max(200).nullable() }).strict();
const RecipientSchema = z.object({ kind: z.enum(['organisation', 'country']), name: z.string().min(1).max(200) }).strict();
const ReferenceSchema = z
  .object({
    url: z.string().max(2048).nullable(),
    externalId: z.string().max(200).nullable(),
    sourceName: z.string().max(200).nullable(),
    description: z.string().max(2000).nullable(),
  })
  .strict();

/** The analyst's content: every field optional, so the editor sends what changed (autosave included). */
export const BriefingContentPatchSchema = z
  .object({
    title: z.string().min(1).max(500).optional(),
    summary: z.string().max(1024 * 1024).optional(),
    tlp: TlpLevelSchema.optional(),
    sections: z.array(SectionSchema).max(MAX_SECTIONS).optional(),
    authors: z.array(PersonSchema).max(MAX_AUTHORS).optional(),
    distribution: z.array(RecipientSchema).max(MAX_DISTRIBUTION).optional(),
    techniques: z.array(z.string().min(1).max(40)).max(MAX_TECHNIQUES).optional(),
    references: z.array(ReferenceSchema).max(MAX_REFERENCES).optional(),
    validUntil: z.string().max(40).nullable().optional(),
  })
  .strict();
export type BriefingContentPatch = z.input<typeof BriefingContentPatchSchema>;

const ListRequest = z
  .object({ status: z.enum(BRIEFING_STATUSES).optional(), limit: z.number().int().min(1).max(1000).optional() })
  .strict();
const GetRequest = z
  .object({
    id: BriefingId,
    /** A saved version; the working draft when omitted. */
    version: Version.optional(),
    /** How many attached indicators to list (the detail always counts all of them). */
    indicatorLimit: z.number().int().min(0).max(5000).optional(),
  })
  .strict();
const CreateRequest = z
  .object({
    title: z.string().min(1).max(500),
    templateId: z.number().int().positive().optional(),
    tlp: TlpLevelSchema.optional(),
    summary: z.string().max(1024 * 1024).optional(),
  })
  .strict();
const SaveDraftRequest = z.object({ id: BriefingId, expectedRevision: Revision.optional(), content: BriefingContentPatchSchema }).strict();
const SaveRequest = z
  .object({ id: BriefingId, expectedRevision: Revision.optional(), content: BriefingContentPatchSchema.optional(), note: ShortText.optional() })
  .strict();
const IdRequest = z.object({ id: BriefingId }).strict();
const CitingRequest = z.object({ indicatorId: z.number().int().positive() }).strict();
const DiffRequest = z.object({ id: BriefingId, from: Version, to: Version }).strict();
const RestoreRequest = z.object({ id: BriefingId, version: Version }).strict();
const StatusRequest = z.object({ id: BriefingId, status: z.enum(BRIEFING_STATUSES), note: ShortText.optional() }).strict();

/**
 * Which indicators: ids (a queue selection), `TYPE:VALUE` keys (typed or pasted), a queue filter (the
 * queue's whole current view) or a `--where` query as the CLI writes it. At least one must be given.
 */
const AttachRequest = z
  .object({
    id: BriefingId,
    indicatorIds: z.array(z.number().int().positive()).max(200_000).optional(),
    keys: z.array(z.string().min(3).max(4096)).max(10_000).optional(),
    filter: QueueFilterSchema.optional(),
    where: z.string().min(1).max(2000).optional(),
  })
  .strict()
  .refine((r) => r.indicatorIds !== undefined || r.keys !== undefined || r.filter !== undefined || r.where !== undefined, 'name the indicators');
const DetachRequest = z
  .object({
    id: BriefingId,
    indicatorIds: z.array(z.number().int().positive()).max(200_000).optional(),
    keys: z.array(z.string().min(3).max(4096)).max(10_000).optional(),
    all: z.boolean().optional(),
  })
  .strict()
  .refine((r) => r.indicatorIds !== undefined || r.keys !== undefined || r.all === true, 'name the indicators');
const SaveTemplateRequest = z
  .object({ name: z.string().min(1).max(200), description: z.string().max(2000).optional(), briefingId: BriefingId })
  .strict();

/**
 * The core writes the file into the session's export folder under a name it chooses (never a path from
 * the renderer) and returns that name; the transport offers it to the analyst.
 */
const ExportRequest = z
  .object({
    id: BriefingId,
    /** A saved version; the latest when omitted. */
    version: Version.optional(),
    format: z.enum(BRIEFING_EXPORT_FORMATS),
    /** The ceiling: nothing marked above it is exported. Defaults to the briefing's document TLP. */
    tlpMax: TlpLevelSchema.optional(),
    defang: z.boolean().default(true),
  })
  .strict();

const AttackSearchRequest = z.object({ query: z.string().max(200), limit: z.number().int().min(1).max(200).optional() }).strict();

export const briefingChannels = {
  'briefings:list': channel<typeof ListRequest, BriefingSummary[]>(ListRequest),
  /** The working draft, or a saved version, with the attached indicators' live triage state. */
  'briefings:get': channel<typeof GetRequest, BriefingDetail>(GetRequest),
  /** A new briefing, from a template when given; saved as version 1. */
  'briefings:create': channel<typeof CreateRequest, BriefingDetail>(CreateRequest),
  /** Autosave: writes the working draft without making a version (one audit entry per editing burst). */
  'briefings:save-draft': channel<typeof SaveDraftRequest, { revision: number; savedAt: string }>(SaveDraftRequest),
  /** Saves the draft (with the given changes) as a new version. */
  'briefings:save': channel<typeof SaveRequest, BriefingDetail>(SaveRequest),
  'briefings:versions': channel<typeof IdRequest, BriefingVersionSummary[]>(IdRequest),
  /** Briefings whose drafts attach an indicator (the queue's "Cited in briefings"). */
  'briefings:citing': channel<typeof CitingRequest, BriefingCitation[]>(CitingRequest),
  'briefings:diff': channel<typeof DiffRequest, BriefingDiff>(DiffRequest),
  /** Makes an old version the newest again, as a new version (history is never rewritten). */
  'briefings:restore': channel<typeof RestoreRequest, BriefingDetail>(RestoreRequest),
  /** draft -> in-review -> approved -> published, or in-review -> draft; published is final. */
  'briefings:set-status': channel<typeof StatusRequest, BriefingDetail>(StatusRequest),
  /** Attaches indicators and saves a new version; at most 50,000 per briefing. */
  'briefings:attach': channel<typeof AttachRequest, AttachOutcome>(AttachRequest),
  'briefings:detach': channel<typeof DetachRequest, AttachOutcome>(DetachRequest),
  'briefings:templates': channel<typeof Empty, BriefingTemplate[]>(Empty),
  /** Saves the briefing's section layout (headings, bodies, markings) as the analyst's own template. */
  'briefings:save-template': channel<typeof SaveTemplateRequest, BriefingTemplate>(SaveTemplateRequest),
  /** Exports a version at a TLP ceiling; what was withheld, and why, is in the outcome and the audit log. */
  'briefings:export': channel<typeof ExportRequest, BriefingExportOutcome>(ExportRequest),
};

export const attackChannels = {
  /** Techniques by id prefix (`T1566`) or words of the name, for the technique picker. */
  'attack:search': channel<typeof AttackSearchRequest, AttackTechniqueHit[]>(AttackSearchRequest),
  /** The loaded ATT&CK catalogues, one per domain; empty when none is loaded (technique ids then show as ids). */
  'attack:catalogues': channel<typeof Empty, AttackCatalogue[]>(Empty),
};
