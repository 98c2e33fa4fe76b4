/**
 * The printed report's running header and footer (docs/review.md §The printed report): CSS paged
 * media margin boxes, so every printed page carries them, whether printed from the browser or
 * made into a PDF. The text is the session's, so the rules are written at run time into a
 * constructed style sheet (the server's Content-Security-Policy allows no inline style).
 */

export interface PrintFrame {
  groupName: string;
  /** "Sunday 6 December 2026". */
  date: string;
  /** "10:00–11:30". */
  time: string;
  facilitators: string;
  billingCode: string | null;
}

/** A CSS string literal: quotes and backslashes escaped, line breaks as spaces. */
export function cssString(text: string): string {
  return `"${text
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/[\r\n\f]+/g, ' ')}"`;
}

/** The `@page` rules of the running header (group, date, time; billing code) and footer (facilitators; page n of m). */
export function printFrameCss(frame: PrintFrame): string {
  const box = 'font-family: system-ui, sans-serif; font-size: 8.5pt; color: #000;';
  const billing = frame.billingCode ? `Billing code ${frame.billingCode}` : 'No billing code';
  return `@media print {
  @page {
    margin: 20mm 12mm 18mm;
    @top-left { content: ${cssString(`${frame.groupName} · ${frame.date} · ${frame.time}`)}; ${box} }
    @top-right { content: ${cssString(billing)}; ${box} }
    @bottom-left { content: ${cssString(`Facilitators: ${frame.facilitators}`)}; ${box} }
    @bottom-right { content: "Page " counter(page) " of " counter(pages); ${box} }
  }
}`;
}

/** Adopts the frame's style sheet into the document; returns the function that takes it away. */
export function adoptPrintFrame(frame: PrintFrame): () => void {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(printFrameCss(frame));
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  return () => {
    document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== sheet);
  };
}
