/** Briefing exports: the TLP ceiling and the HTML, PDF, STIX 2.1, MISP and CSV exporters behind one entry point. */
export { exportBriefing } from './export-briefing';
export type { BriefingExportOptions } from './export-briefing';
export { EXPORT_FORMATS } from './export-result';
export type { BriefingExportResult, ExportFormat } from './export-result';
export { applyCeiling, exportMarking, isWithinCeiling } from './tlp-ceiling';
export { BriefingExportError } from './export-error';
export type { CeilingResult, WithheldItem } from './tlp-ceiling';
export { chromiumPdfPrinter, PDF_PAGE_SETUP } from './export-pdf';
export type { PdfPageSetup, PdfPrinter } from './export-pdf';
export { findChromium } from './find-chromium';
export type { BriefingExportInput, ExportIndicator, ExportPerson, ExportReference, ExportSection, ExportTechnique } from './export-input';
