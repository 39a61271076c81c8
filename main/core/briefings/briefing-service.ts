/**
 * The briefing capability as the session (and the CLI) use it: every change runs in one transaction with
 * its audit entry; reads see committed data only. It knows nothing of the transport.
 */
import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { appendAudit } from '../audit';
import { WorkbenchError } from '../errors';
import { mergeBodySections, sectionsFromMarkdown } from './body-sections';
import { mergeContent, newSectionId, type BriefingContentPatch } from './briefing-content';
import { diffVersions, type VersionText } from './briefing-diff';
import {
  BRIEFING_TRANSITIONS,
  EDITABLE_STATUSES,
  MAX_BRIEFING_INDICATORS,
  type AttachOutcome,
  type BriefingCitation,
  type BriefingContent,
  type BriefingDetail,
  type BriefingDiff,
  type BriefingExportOutcome,
  type BriefingSummary,
  type BriefingTemplate,
  type BriefingVersionSummary,
} from './briefing-model';
import {
  countAttached,
  listBriefings,
  listCitingBriefings,
  listVersions,
  readAttachedIndicators,
  readContent,
  readMarking,
  readTechniques,
  requireBriefingRow,
  requireVersion,
  type BriefingRow,
  type ListBriefingsQuery,
} from './briefing-reads';
import type { BriefingStatus } from './briefing-status';
import { insertTemplate, listTemplates, requireTemplate } from './briefing-templates';
import { attachToDraft, copyVersionToDraft, detachFromDraft, insertBriefing, markDraftSaved, setStatus, snapshotDraft, writeDraftContent, type WriteMeta } from './briefing-writes';
import { resolveSelection, type IndicatorSelection } from './briefing-attachments';
import { runBriefingExport, type ExportDestination, type ExportRequest } from './briefing-export-run';
import type { PdfPrinter } from './export';
import { changedFields, continuesDraftBurst, DRAFT_BURST_MS, DRAFT_SAVE_ACTION } from './draft-audit';
import type { TlpLevel } from '../indicators/tlp-level';

/** What the service needs from whoever runs it (the session, or the CLI over an unlocked vault). */
export interface BriefingHost {
  /** Connection for reads (committed data). */
  reader(): Database;
  /** Connection for writes; may refuse (BUSY) while an import holds it. */
  writer(): Database;
  author(): { actor: string; at: Date };
  /** Called after a write that changes what the queue shows (attachments move `in_briefings`). */
  changed(): void;
  /** The host's PDF printer (the app: Electron's printToPDF); the system Chromium when it has none. */
  pdfPrinter?(): PdfPrinter | undefined;
}

export interface CreateBriefing {
  title: string;
  templateId?: number;
  tlp?: TlpLevel;
  summary?: string;
  /** Markdown to start with (e.g. `--body-file`): its `##` sections fill the template's by heading, the rest follow. */
  bodyMarkdown?: string;
}

const DEFAULT_INDICATOR_PAGE = 500;

export class BriefingService {
  constructor(private readonly host: BriefingHost) {}

  list(query: ListBriefingsQuery = {}): BriefingSummary[] {
    return listBriefings(this.host.reader(), query);
  }

  /** The working draft (version omitted) or a saved version, with live indicator state. */
  get(id: number, options: { version?: number; indicatorLimit?: number } = {}): BriefingDetail {
    return readDetail(this.host.reader(), id, options.version ?? 0, options.indicatorLimit ?? DEFAULT_INDICATOR_PAGE);
  }

  /** Creates a briefing (from a template when given) and saves it as version 1. */
  create(request: CreateBriefing): BriefingDetail {
    const db = this.host.writer();
    const meta = this.meta();
    const id = db
      .transaction(() => {
        const template = request.templateId === undefined ? undefined : requireTemplate(db, request.templateId);
        const tlp = request.tlp ?? 'amber';
        const fromTemplate = (template?.sections ?? []).map((s) => ({ id: newSectionId(), heading: s.heading, bodyMarkdown: s.bodyMarkdown, tlp: s.tlp ?? tlp }));
        const empty: BriefingContent = {
          title: request.title,
          summary: request.summary ?? '',
          tlp,
          sections: request.bodyMarkdown === undefined ? fromTemplate : mergeBodySections(fromTemplate, sectionsFromMarkdown(request.bodyMarkdown, tlp)),
          authors: [{ name: meta.actor, organisation: null }],
          distribution: [],
          techniques: [],
          references: [],
          validUntil: null,
        };
        const content = mergeContent(empty, {});
        const created = insertBriefing(db, randomUUID(), meta, content);
        const version = snapshotDraft(db, created, { ...meta, note: template ? `Created from "${template.name}"` : 'Created', restoredFrom: null });
        appendAudit(db, {
          at: new Date(meta.at),
          actor: meta.actor,
          action: 'briefing.create',
          target: target(created),
          after: { title: content.title, tlp: content.tlp, template: template?.name ?? null, sections: content.sections.length, version },
        });
        return created;
      })
      .immediate();
    return this.get(id);
  }

  /** Autosave: writes the draft without making a version; refused when someone else saved in between. */
  saveDraft(id: number, patch: BriefingContentPatch, expectedRevision?: number): { revision: number; savedAt: string } {
    const db = this.host.writer();
    const meta = this.meta();
    const revision = db
      .transaction(() => {
        const row = this.editable(db, id, expectedRevision);
        const next = writeDraftContent(db, id, mergeContent(readContent(db, id, 0), patch), meta);
        // One entry per editing burst (draft-audit.ts); the version save summarises what the draft changed.
        if (!continuesDraftBurst(db, target(id), meta.actor, new Date(meta.at))) {
          appendAudit(db, {
            at: new Date(meta.at),
            actor: meta.actor,
            action: DRAFT_SAVE_ACTION,
            target: target(id),
            before: { revision: row.revision },
            after: { revision: next, fields: Object.keys(patch).sort(), coversFollowingSavesMinutes: DRAFT_BURST_MS / 60_000 },
          });
        }
        return next;
      })
      .immediate();
    return { revision, savedAt: meta.at };
  }

  /** Saves the draft (with `patch` applied) as a new version; nothing changed means no new version. */
  save(id: number, options: { patch?: BriefingContentPatch; expectedRevision?: number; note?: string } = {}): BriefingDetail {
    const db = this.host.writer();
    const meta = this.meta();
    db.transaction(() => {
      const row = this.editable(db, id, options.expectedRevision);
      const patch = options.patch ?? {};
      if (Object.keys(patch).length > 0) writeDraftContent(db, id, mergeContent(readContent(db, id, 0), patch), meta);
      const current = requireBriefingRow(db, id);
      if (current.revision === current.savedRevision && row.latestVersion > 0) return;
      const draftChanges = row.latestVersion > 0 ? changedFields(readContent(db, id, row.latestVersion), readContent(db, id, 0)) : [];
      // Draft saves that end where the last version is (typed and undone, a field set to what it was) are
      // no change: the draft counts as saved, and no version repeats the last one.
      if (row.latestVersion > 0 && draftChanges.length === 0 && sameAttachments(db, id, row.latestVersion)) {
        markDraftSaved(db, id);
        return;
      }
      const version = snapshotDraft(db, id, { ...meta, note: options.note ?? null, restoredFrom: null });
      appendAudit(db, {
        at: new Date(meta.at),
        actor: meta.actor,
        action: 'briefing.save',
        target: target(id),
        before: { version: row.latestVersion, revision: current.savedRevision },
        // Every draft save since the last version, autosaves included, ends up here (draft-audit.ts).
        after: { version, note: options.note ?? null, fields: draftChanges, revision: current.revision },
      });
    }).immediate();
    return this.get(id);
  }

  /** Briefings citing an indicator (their drafts attach it). */
  citing(indicatorId: number): BriefingCitation[] {
    return listCitingBriefings(this.host.reader(), indicatorId);
  }

  versions(id: number): BriefingVersionSummary[] {
    return listVersions(this.host.reader(), id);
  }

  diff(id: number, from: number, to: number): BriefingDiff {
    const db = this.host.reader();
    return db.transaction(() => {
      const row = requireBriefingRow(db, id);
      if (from === 0 || to === 0) throw new WorkbenchError('INVALID_INPUT', 'Compare saved versions (1 and up).');
      requireVersion(row, from);
      requireVersion(row, to);
      return { id, from, to, ...diffVersions(versionText(db, id, from), versionText(db, id, to)) };
    })();
  }

  /** Makes `version` the newest again as a new version; history is never rewritten. */
  restore(id: number, version: number): BriefingDetail {
    const db = this.host.writer();
    const meta = this.meta();
    db.transaction(() => {
      const row = this.editable(db, id);
      if (version === 0) throw new WorkbenchError('INVALID_INPUT', 'Restore a saved version (1 and up).');
      requireVersion(row, version);
      copyVersionToDraft(db, id, version, meta);
      const created = snapshotDraft(db, id, { ...meta, note: `Restored version ${version}`, restoredFrom: version });
      appendAudit(db, {
        at: new Date(meta.at),
        actor: meta.actor,
        action: 'briefing.restore',
        target: target(id),
        before: { version: row.latestVersion, unsavedDraftDiscarded: row.revision !== row.savedRevision },
        after: { version: created, restoredFrom: version },
      });
    }).immediate();
    this.host.changed();
    return this.get(id);
  }

  /** Moves the briefing through its workflow; approval and publication apply to the latest saved version. */
  setStatus(id: number, status: BriefingStatus, note?: string): BriefingDetail {
    const db = this.host.writer();
    const meta = this.meta();
    db.transaction(() => {
      const row = requireBriefingRow(db, id);
      if (row.status === status) return;
      if (!BRIEFING_TRANSITIONS[row.status].includes(status)) {
        const allowed = BRIEFING_TRANSITIONS[row.status];
        const next = allowed.length > 0 ? `from ${row.status} it can move to ${allowed.join(' or ')}` : 'a published briefing is final';
        throw new WorkbenchError('INVALID_INPUT', `Briefing ${id} cannot move from ${row.status} to ${status}: ${next}.`);
      }
      if (status !== 'draft' && row.revision !== row.savedRevision) {
        throw new WorkbenchError('INVALID_INPUT', `Briefing ${id} has unsaved draft changes; save them as a version before moving it to ${status}.`);
      }
      const fields = status === 'approved' ? { approvedVersion: row.latestVersion } : status === 'published' ? { publishedVersion: row.latestVersion } : {};
      setStatus(db, id, status, meta.at, fields);
      appendAudit(db, {
        at: new Date(meta.at),
        actor: meta.actor,
        action: 'briefing.status',
        target: target(id),
        before: { status: row.status },
        after: { status, version: row.latestVersion, note: note ?? null },
      });
    }).immediate();
    return this.get(id);
  }

  /** Attaches indicators and saves the result as a new version; at most MAX_BRIEFING_INDICATORS in all. */
  attach(id: number, selection: IndicatorSelection): AttachOutcome {
    return this.changeAttachments(id, selection, 'attach');
  }

  detach(id: number, selection: IndicatorSelection & { all?: boolean }): AttachOutcome {
    return this.changeAttachments(id, selection, 'detach');
  }

  templates(): BriefingTemplate[] {
    return listTemplates(this.host.reader());
  }

  /** Saves a briefing's draft section layout (headings, bodies, markings) as a new template. */
  saveTemplate(request: { name: string; description?: string; briefingId: number }): BriefingTemplate {
    const db = this.host.writer();
    const meta = this.meta();
    return db
      .transaction(() => {
        requireBriefingRow(db, request.briefingId);
        const content = readContent(db, request.briefingId, 0);
        const name = request.name.trim();
        if (!name) throw new WorkbenchError('INVALID_INPUT', 'A template needs a name.');
        const sections = content.sections.map((s) => ({ heading: s.heading, bodyMarkdown: s.bodyMarkdown, tlp: s.tlp }));
        const template = insertTemplate(db, { name, description: request.description?.trim() ?? '', sections }, meta);
        appendAudit(db, {
          at: new Date(meta.at),
          actor: meta.actor,
          action: 'briefing-template.save',
          target: `briefing-template:${template.id}`,
          after: { name, fromBriefing: request.briefingId, sections: sections.length },
        });
        return template;
      })
      .immediate();
  }

  /** Exports a saved version at a TLP ceiling to `destination`; the export log row and audit entry commit together. */
  export(request: ExportRequest, destination: ExportDestination): Promise<BriefingExportOutcome> {
    const pdfPrinter = request.pdfPrinter ?? this.host.pdfPrinter?.();
    return runBriefingExport(this.host.reader(), () => this.host.writer(), () => this.host.author(), { ...request, ...(pdfPrinter ? { pdfPrinter } : {}) }, destination);
  }

  private changeAttachments(id: number, selection: IndicatorSelection & { all?: boolean }, mode: 'attach' | 'detach'): AttachOutcome {
    const db = this.host.writer();
    const meta = this.meta();
    const outcome = db
      .transaction((): AttachOutcome => {
        const row = this.editable(db, id);
        const before = countAttached(db, id, 0);
        const resolved =
          mode === 'detach' && selection.all
            ? { ids: db.prepare('SELECT indicator_id FROM briefing_indicators WHERE briefing_id = ? AND version = 0').pluck().all(id) as number[], notFound: [], overflow: null }
            : resolveSelection(db, selection, MAX_BRIEFING_INDICATORS);
        if (mode === 'attach') refuseOverflow(db, id, resolved.overflow, resolved.ids, before);
        const json = JSON.stringify(resolved.ids);
        const changed = mode === 'attach' ? attachToDraft(db, id, json) : detachFromDraft(db, id, json);
        const total = before + (mode === 'attach' ? changed : -changed);
        let version = row.latestVersion;
        if (changed > 0) {
          version = snapshotDraft(db, id, { ...meta, note: `${mode === 'attach' ? 'Attached' : 'Detached'} ${changed} indicator${changed === 1 ? '' : 's'}`, restoredFrom: null });
          appendAudit(db, {
            at: new Date(meta.at),
            actor: meta.actor,
            action: `briefing.${mode}`,
            target: target(id),
            before: { version: row.latestVersion, indicators: before },
            after: { version, indicators: total, changed, selection: describeSelection(selection) },
          });
        }
        return {
          changed,
          unchanged: resolved.ids.length - changed,
          notFound: resolved.notFound.slice(0, 100),
          notFoundCount: resolved.notFound.length,
          total,
          version,
        };
      })
      .immediate();
    if (outcome.changed > 0) this.host.changed();
    return outcome;
  }

  /** The briefing if its content may change now; checks the editor's revision when one is given. */
  private editable(db: Database, id: number, expectedRevision?: number): BriefingRow {
    const row = requireBriefingRow(db, id);
    if (!EDITABLE_STATUSES.includes(row.status)) {
      const why = row.status === 'published' ? 'it is published, and published briefings are immutable' : 'it is approved; only publishing is left';
      throw new WorkbenchError('INVALID_INPUT', `Briefing ${id} cannot be changed: ${why}.`);
    }
    if (expectedRevision !== undefined && expectedRevision !== row.revision) {
      throw new WorkbenchError('INVALID_INPUT', `Briefing ${id} was changed elsewhere (revision ${row.revision}, yours ${expectedRevision}); reload it before saving.`);
    }
    return row;
  }

  private meta(): WriteMeta {
    const { actor, at } = this.host.author();
    return { actor, at: at.toISOString() };
  }
}

function readDetail(db: Database, id: number, version: number, indicatorLimit: number): BriefingDetail {
  return db.transaction(() => {
    const row = requireBriefingRow(db, id);
    requireVersion(row, version);
    const content = readContent(db, id, version);
    return {
      ...content,
      id,
      uid: row.uid,
      status: row.status,
      shownVersion: version,
      version: row.latestVersion,
      revision: row.revision,
      hasUnsavedDraft: row.revision !== row.savedRevision,
      createdAt: row.createdAt,
      createdBy: row.createdBy,
      updatedAt: row.updatedAt,
      indicators: readAttachedIndicators(db, id, version, indicatorLimit).map(({ createdAt: _created, ...indicator }) => indicator),
      indicatorCount: countAttached(db, id, version),
      techniqueDetails: readTechniques(db, content.techniques),
      marking: readMarking(db, id, version),
    };
  })();
}

function versionText(db: Database, id: number, version: number): VersionText {
  const indicators = (
    db
      .prepare('SELECT i.type || \':\' || i.value FROM briefing_indicators b JOIN indicators i ON i.id = b.indicator_id WHERE b.briefing_id = ? AND b.version = ?')
      .pluck()
      .all(id, version) as string[]
  ).sort();
  return { version, content: readContent(db, id, version), indicators };
}

/** Refuses an attach that would take the briefing past its cap, with the figures, before writing anything. */
function refuseOverflow(db: Database, id: number, overflow: number | null, ids: readonly number[], before: number): void {
  const already =
    ids.length === 0
      ? 0
      : (db
          .prepare('SELECT count(*) FROM briefing_indicators WHERE briefing_id = ? AND version = 0 AND indicator_id IN (SELECT value FROM json_each(?))')
          .pluck()
          .get(id, JSON.stringify(ids)) as number);
  const selected = overflow ?? ids.length;
  const after = before + selected - already;
  if (overflow === null && after <= MAX_BRIEFING_INDICATORS) return;
  throw new WorkbenchError(
    'INVALID_INPUT',
    `Attaching ${selected.toLocaleString('en')} indicators would give briefing ${id} ${Math.max(after, selected).toLocaleString('en')}; ` +
      `a briefing holds at most ${MAX_BRIEFING_INDICATORS.toLocaleString('en')}. Narrow the selection (e.g. --where "status=malicious tlp<=amber"). Nothing was attached.`,
  );
}

function describeSelection(selection: IndicatorSelection & { all?: boolean }): Record<string, unknown> {
  return {
    ...(selection.indicatorIds ? { ids: selection.indicatorIds.length } : {}),
    ...(selection.keys ? { keys: selection.keys.length } : {}),
    ...(selection.filter ? { filter: selection.filter } : {}),
    ...(selection.where !== undefined ? { where: selection.where } : {}),
    ...(selection.all ? { all: true } : {}),
  };
}

/** Whether the draft attaches exactly the indicators `version` attaches. */
function sameAttachments(db: Database, id: number, version: number): boolean {
  const differing = db
    .prepare(
      // Two counts: compound selects associate left, so one EXCEPT ... UNION ALL ... EXCEPT would be wrong.
      `SELECT (SELECT count(*) FROM (SELECT indicator_id FROM briefing_indicators WHERE briefing_id = @id AND version = 0
                                    EXCEPT SELECT indicator_id FROM briefing_indicators WHERE briefing_id = @id AND version = @version))
            + (SELECT count(*) FROM (SELECT indicator_id FROM briefing_indicators WHERE briefing_id = @id AND version = @version
                                    EXCEPT SELECT indicator_id FROM briefing_indicators WHERE briefing_id = @id AND version = 0))`,
    )
    .pluck()
    .get({ id, version }) as number;
  return differing === 0;
}

function target(id: number): string {
  return `briefing:${id}`;
}
