/** Free-text (plain, Markdown, HTML) indicator extraction. */
export { parseText, MAX_LINE } from './parse-text';
export { scanLine, snippetAround } from './scan-line';
export type { LineFinding } from './scan-line';
export { classifyPiece } from './classify-piece';
export type { Finding } from './classify-piece';
export { HtmlTextStream, decodeEntity } from './html-text';
