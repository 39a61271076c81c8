/**
 * The PDF's indicator list as an annex the core typesets itself with pdf-lib: fixed-width lines of
 * Courier (a standard PDF font, nothing embedded), the columns of indicator-lines.ts, a value longer
 * than its column wrapped under itself. Chromium spent most of a 50,000-indicator PDF (about 7 s of
 * 11 s) laying out and printing these lines, though they need no layout engine: every character is
 * as wide as the next, so the core knows where each one goes. Drawn here, the same lines take well
 * under a second, and Chromium (or Electron) prints only the narrative, which is small.
 *
 * Courier reaches the WinAnsi characters (Latin-1 and a few more) only. An indicator holding anything
 * else (a Cyrillic file name, a Unicode mutex) is left in the HTML for the browser to print in the
 * fonts of the machine: there are few such values, so the browser's slowness no longer matters.
 */
import type { PDFDocument } from 'pdf-lib';
import type { ExportIndicator } from './export-input';
import { INDICATOR_LINE_PREFIX_CH, indicatorLineTexts, indicatorValuesNote } from './indicator-lines';
import { PageContent, type Rgb } from './pdf-page-content';

/** What the annex prints, decided before the narrative is printed (its HTML then only points here). */
export interface IndicatorAnnex {
  readonly title: string;
  /** Lines under the title: how values are written, and where any others are. */
  readonly notes: readonly string[];
  readonly head: string;
  readonly lines: readonly string[];
}

/** Page margins in points, as the printed pages have them, so the annex lines up with the narrative. */
export interface AnnexMargins {
  readonly top: number;
  readonly bottom: number;
  readonly left: number;
  readonly right: number;
}

const TEXT_SIZE = 7;
/** Courier's advance is 600/1000 em for every glyph. */
const CHAR_WIDTH = TEXT_SIZE * 0.6;
const LINE_HEIGHT = TEXT_SIZE * 1.2;
const TITLE_SIZE = 13;
const NOTE_SIZE = 8;

/** How a PDF lists its indicators: most in the core's annex, any Courier cannot show printed by the browser. */
export interface PdfIndicatorPlan {
  /** The annex, or null when no indicator goes there. */
  readonly annex: IndicatorAnnex | null;
  /** Indicators whose line holds a character Courier cannot show, for the browser to print with the narrative. */
  readonly printed: readonly ExportIndicator[];
}

/** Splits the list between the annex and the browser; the order of each part is the list's. */
export async function planPdfIndicators(indicators: readonly ExportIndicator[], defanged: boolean): Promise<PdfIndicatorPlan> {
  if (indicators.length === 0) return { annex: null, printed: [] };
  const { head, lines } = indicatorLineTexts(indicators, defanged);
  const drawable = await courierCharacters();
  const annexed: string[] = [];
  const printed: ExportIndicator[] = [];
  lines.forEach((text, n) => {
    if (canDraw(text, drawable)) annexed.push(text);
    else printed.push(indicators[n]!);
  });
  if (annexed.length === 0) return { annex: null, printed };
  const others = printed.length === 1 ? 'The other one, which holds characters this font cannot show, is' : `The other ${printed.length.toLocaleString('en-US')}, which hold characters this font cannot show, are`;
  const notes = printed.length === 0 ? [indicatorValuesNote(defanged)] : [indicatorValuesNote(defanged), `${others} listed in the Indicators section.`];
  return { annex: { title: `Indicators (${annexed.length.toLocaleString('en-US')})`, notes, head, lines: annexed }, printed };
}

function canDraw(text: string, drawable: ReadonlySet<number>): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    // Printable ASCII is always in; only the rare other character needs the set (and a surrogate never is).
    if ((code < 0x20 || code > 0x7e) && !drawable.has(code)) return false;
  }
  return true;
}

let courierSet: Promise<ReadonlySet<number>> | undefined;

/** The code points pdf-lib can encode in Courier, asked of pdf-lib itself rather than copied from the WinAnsi table. */
function courierCharacters(): Promise<ReadonlySet<number>> {
  courierSet ??= (async () => {
    const { PDFDocument, StandardFonts } = await import('pdf-lib');
    const font = await (await PDFDocument.create()).embedFont(StandardFonts.Courier);
    return new Set(font.getCharacterSet());
  })();
  return courierSet;
}

/**
 * Appends the annex to `doc` on pages of `size`: a title and note on its first page, the column heading
 * on every page, then the lines, each page's lines one text object (see pdf-page-content.ts).
 */
export async function appendIndicatorAnnex(doc: PDFDocument, annex: IndicatorAnnex, size: { width: number; height: number }, margins: AnnexMargins): Promise<void> {
  const { StandardFonts } = await import('pdf-lib');
  const courier = await doc.embedFont(StandardFonts.Courier);
  const courierBold = await doc.embedFont(StandardFonts.CourierBold);
  const titleFont = await doc.embedFont(StandardFonts.HelveticaBold);
  const noteFont = await doc.embedFont(StandardFonts.Helvetica);
  const perRow = Math.floor((size.width - margins.left - margins.right) / CHAR_WIDTH);
  const right = size.width - margins.right;
  const bottom = margins.bottom + LINE_HEIGHT;
  let next = 0; // the next line to draw
  let cut: string[] = []; // the rest of a line too long for a page of its own
  let first = true;
  while (next < annex.lines.length || cut.length > 0) {
    const page = new PageContent(doc.addPage([size.width, size.height]));
    let y = size.height - margins.top;
    if (first) {
      y -= TITLE_SIZE;
      page.text([annex.title], { x: margins.left, y, size: TITLE_SIZE, font: titleFont, fill: INK });
      y -= NOTE_SIZE * 2;
      page.text(annex.notes, { x: margins.left, y, size: NOTE_SIZE, font: noteFont, fill: GREY });
      y -= NOTE_SIZE * 1.2 * (annex.notes.length - 1) + NOTE_SIZE;
      first = false;
    }
    y -= LINE_HEIGHT;
    page.text([annex.head], { x: margins.left, y, size: TEXT_SIZE, font: courierBold, fill: INK });
    page.hline(margins.left, right, y - TEXT_SIZE * 0.45, 0.5, GREY);
    y -= LINE_HEIGHT + 2;
    const fit = Math.max(1, Math.floor((y - bottom) / LINE_HEIGHT) + 1);
    // An indicator's rows stay on one page, so a reader (and a text extractor) sees each value whole.
    const rows = cut.splice(0, fit);
    while (rows.length < fit && next < annex.lines.length) {
      const wrapped = wrapLine(annex.lines[next]!, perRow);
      if (rows.length + wrapped.length > fit) {
        if (rows.length > 0) break;
        rows.push(...wrapped.slice(0, fit));
        cut = wrapped.slice(fit);
      } else {
        rows.push(...wrapped);
      }
      next++;
    }
    page.text(rows, { x: margins.left, y, size: TEXT_SIZE, font: courier, fill: INK, lineHeight: LINE_HEIGHT }).finish(doc);
  }
}

const INK: Rgb = [0.07, 0.07, 0.07];
const GREY: Rgb = [0.45, 0.45, 0.45];

/**
 * A line cut into rows of `perRow` characters; a row after the first is indented to the value column,
 * as the HTML's hanging indent does, so the columns stay clear for the eye.
 */
export function wrapLine(line: string, perRow: number): string[] {
  if (line.length <= perRow) return [line];
  const rest = perRow - INDICATOR_LINE_PREFIX_CH;
  if (rest < 8) throw new Error(`an annex row of ${perRow} characters leaves no room for the value column`);
  const rows = [line.slice(0, perRow)];
  for (let at = perRow; at < line.length; at += rest) rows.push(VALUE_INDENT + line.slice(at, at + rest));
  return rows;
}

const VALUE_INDENT = ' '.repeat(INDICATOR_LINE_PREFIX_CH);
