import { describe, expect, it } from 'vitest';
import { cssString, printFrameCss } from '../../client/features/review/printFrame.js';

/** The printed report's running header and footer (docs/review.md §The printed report). */
describe('the print frame', () => {
  it('writes group, date, time, billing code, facilitators and page n of m into the page margins', () => {
    const css = printFrameCss({
      groupName: 'Tuesday group',
      date: 'Sunday 6 December 2026',
      time: '10:00–11:30',
      facilitators: 'Dana Lee (lead)',
      billingCode: '90853',
    });
    expect(css).toContain('@top-left { content: "Tuesday group · Sunday 6 December 2026 · 10:00–11:30";');
    expect(css).toContain('@top-right { content: "Billing code 90853";');
    expect(css).toContain('@bottom-left { content: "Facilitators: Dana Lee (lead)";');
    expect(css).toContain('@bottom-right { content: "Page " counter(page) " of " counter(pages);');
  });

  it('keeps a name that looks like CSS inside its string: quotes and backslashes escaped, line breaks as spaces', () => {
    expect(cssString('A "group" \\ } body { display: none }\nnext')).toBe('"A \\"group\\" \\\\ } body { display: none } next"');
  });
});
