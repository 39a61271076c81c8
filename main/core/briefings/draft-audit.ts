/**
 * Autosave auditing without the noise (issue #11): the editor autosaves every few seconds, and an audit
 * entry per save buried everything else. A draft save is audited when it starts an editing burst; the
 * saves that follow it (same analyst, same briefing, nothing else recorded about the briefing in
 * between, less than DRAFT_BURST_MS after the burst's entry) are covered by that entry. The log is
 * append-only, so the burst's entry is never rewritten: the version save that ends the work records
 * which fields the draft changed since the previous version and the draft revisions it covers, and the
 * version itself carries the content.
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { BriefingContent } from './briefing-model';

/** How long one draft-save entry covers the same analyst's following saves of the same briefing. */
export const DRAFT_BURST_MS = 10 * 60_000;

export const DRAFT_SAVE_ACTION = 'briefing.save-draft';

/** True when a draft save by `actor` at `at` continues the burst whose entry is the briefing's last. */
export function continuesDraftBurst(db: Database, target: string, actor: string, at: Date): boolean {
  const last = db.prepare('SELECT action, actor, at FROM audit_entries WHERE target = ? ORDER BY id DESC LIMIT 1').get(target) as
    | { action: string; actor: string; at: string }
    | undefined;
  if (!last || last.action !== DRAFT_SAVE_ACTION || last.actor !== actor) return false;
  const since = at.getTime() - Date.parse(last.at);
  // A clock set back makes `since` negative: start a new burst rather than trust it.
  return since >= 0 && since < DRAFT_BURST_MS;
}

/** The content fields that differ between two versions of a briefing, sorted. */
export function changedFields(before: BriefingContent, after: BriefingContent): string[] {
  const keys = Object.keys(after) as Array<keyof BriefingContent>;
  return keys.filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key])).sort();
}
