/** Briefings: documents with versions, templates, attachments, the workflow, the export snapshot and ATT&CK. */
export * from './briefing-model';
export { BRIEFING_STATUSES, type BriefingStatus } from './briefing-status';
export { BriefingService, type BriefingHost, type CreateBriefing } from './briefing-service';
export { checkContent, mergeContent, newSectionId, normaliseTechniques, type BriefingContentPatch } from './briefing-content';
export { listBriefings, listCitingBriefings, listVersions, readContent, type ListBriefingsQuery } from './briefing-reads';
export { parseIndicatorKey, resolveSelection, type IndicatorSelection } from './briefing-attachments';
export { listTemplates, requireTemplate, requireTemplateByKey } from './briefing-templates';
export { readBriefingForExport } from './briefing-export-input';
export { renderVersionText, diffVersions } from './briefing-diff';
export { describeTechniques, listCatalogues, listTactics, searchTechniques, ATTACK_DOMAINS, type AttackDomain } from './attack/attack-reads';
export { readAttackBundle, type AttackBundle, type AttackCatalogueFile } from './attack/attack-bundle';
export { storeAttackBundle, type AttackLoadResult, type LoadedCatalogue } from './attack/attack-writes';
export { sectionsFromMarkdown, mergeBodySections } from './body-sections';
export type { ExportDestination, ExportRequest } from './briefing-export-run';
