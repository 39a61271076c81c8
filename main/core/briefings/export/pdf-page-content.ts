/**
 * Text and boxes added to a PDF page as one content stream the core writes itself and compresses with
 * Node's zlib. pdf-lib's drawText turns every glyph into a hex pair through several objects and its
 * streams are compressed by pako in JavaScript: for a 600-page indicator annex that was 3 s of a 4 s
 * export. Written here, a page's printable-ASCII lines are plain PDF string literals; any other line is
 * left to pdf-lib's font encoder, which knows the font's encoding (WinAnsi for the standard fonts).
 * pdf-lib still owns the document structure: fonts, resources, pages and the saved file.
 */
import { deflateSync } from 'node:zlib';
import type { PDFDocument, PDFFont, PDFPage } from 'pdf-lib';

export type Rgb = readonly [number, number, number];

/** Operators for one page, saved and restored around, so they neither see nor leak any other graphics state. */
export class PageContent {
  private readonly ops: string[] = ['q'];
  private readonly fontKeys = new Map<PDFFont, string>();

  constructor(private readonly page: PDFPage) {}

  /** A filled rectangle; x, y is its lower-left corner. */
  rect(x: number, y: number, width: number, height: number, fill: Rgb): this {
    this.ops.push(`${colour(fill)} rg ${num(x)} ${num(y)} ${num(width)} ${num(height)} re f`);
    return this;
  }

  /** A horizontal rule from x1 to x2 at height y. */
  hline(x1: number, x2: number, y: number, thickness: number, stroke: Rgb): this {
    this.ops.push(`${colour(stroke)} RG ${num(thickness)} w ${num(x1)} ${num(y)} m ${num(x2)} ${num(y)} l S`);
    return this;
  }

  /** Lines of text, the first with its baseline at (x, y), each next one `lineHeight` lower. */
  text(lines: readonly string[], at: { x: number; y: number; size: number; font: PDFFont; fill: Rgb; lineHeight?: number }): this {
    const ops = [`BT ${this.fontKey(at.font)} ${num(at.size)} Tf ${colour(at.fill)} rg ${num(at.lineHeight ?? at.size * 1.2)} TL ${num(at.x)} ${num(at.y)} Td`];
    lines.forEach((line, n) => ops.push(`${encode(line, at.font)} ${n === 0 ? 'Tj' : "'"}`));
    ops.push('ET');
    this.ops.push(ops.join('\n'));
    return this;
  }

  /**
   * Adds the operators to the page. pdf-lib wraps a loaded page's own content in q/Q when it first
   * touches the page (PDFPageLeaf.normalize), so a state the printer left set cannot move these marks.
   */
  finish(doc: PDFDocument): void {
    this.ops.push('Q');
    const stream = doc.context.stream(deflateSync(Buffer.from(this.ops.join('\n'), 'latin1')), { Filter: 'FlateDecode' });
    this.page.node.addContentStream(doc.context.register(stream));
  }

  private fontKey(font: PDFFont): string {
    let key = this.fontKeys.get(font);
    if (key === undefined) {
      key = this.page.node.newFontDictionary(font.name, font.ref).toString();
      this.fontKeys.set(font, key);
    }
    return key;
  }
}

const PRINTABLE_ASCII_RE = /^[\x20-\x7e]*$/;

/** A PDF string operand: a literal for printable ASCII, else the font's own encoding as a hex string. */
function encode(line: string, font: PDFFont): string {
  if (PRINTABLE_ASCII_RE.test(line)) return `(${line.replace(/[\\()]/g, '\\$&')})`;
  return font.encodeText(line).toString();
}

function colour([r, g, b]: Rgb): string {
  return `${num(r)} ${num(g)} ${num(b)}`;
}

/** Numbers as PDF writes them: no exponent, at most 3 decimals (a thousandth of a point is far below a pixel). */
function num(n: number): string {
  return String(Math.round(n * 1000) / 1000);
}
