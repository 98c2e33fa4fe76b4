import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';

/** One finding of the layout checks, in words a failing test prints. */
type Finding = string;

/** The smallest target a finger on a tablet on a lap hits reliably (WCAG 2.5.5's 44, rounded up). */
const MIN_TARGET = 48;

/**
 * Everything the layout promises on one screen in one state, measured in the real browser:
 * the named primary controls are inside the viewport; no two interactive elements overlap; none
 * is smaller than 48×48 (a checkbox counts by its label, which is what a finger hits); no member
 * name is cut, and no two tiles read the same; no tile leaves the screen sideways; the text read at a
 * glance (the speaker's name, their turn's note, Up next) is under no control and inside its area.
 */
export async function layoutFindings(page: Page, primary: readonly string[]): Promise<Finding[]> {
  const findings: Finding[] = [];
  for (const name of primary) {
    const button = page.getByRole('button', { name, exact: true });
    if ((await button.count()) === 0) {
      findings.push(`"${name}" is missing`);
      continue;
    }
    if (!(await button.first().evaluate(isInViewport))) findings.push(`"${name}" is not inside the viewport`);
  }
  findings.push(...(await page.evaluate(measure, MIN_TARGET)));
  return findings;
}

/** Runs in the page: whether an element is wholly inside the viewport and not clipped away. */
function isInViewport(element: Element): boolean {
  const box = element.getBoundingClientRect();
  const inside = box.left >= 0 && box.top >= 0 && box.right <= innerWidth + 0.5 && box.bottom <= innerHeight + 0.5;
  if (!inside || box.width === 0) return false;
  // Not hidden under a scroll container's edge: the middle of it is the element itself.
  const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
  return hit !== null && (hit === element || element.contains(hit));
}

/** Runs in the page: overlaps (of controls, and of text with controls), small targets, cut names, repeated tile text, tiles off screen. */
function measure(minTarget: number): string[] {
  const out: string[] = [];
  const visible = (el: Element) => {
    const box = el.getBoundingClientRect();
    return box.width > 0 && box.height > 0 && getComputedStyle(el).visibility !== 'hidden';
  };
  const label = (el: Element) =>
    (el.getAttribute('aria-label') ?? el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 40) || el.tagName;
  // The target a finger hits: a checkbox's label row, not the box drawn inside it.
  const targets = [...document.querySelectorAll('button, a[href], select, textarea, input')]
    .map((el) => (el instanceof HTMLInputElement && (el.type === 'checkbox' || el.type === 'radio') ? (el.closest('label') ?? el) : el))
    .filter((el, index, all) => all.indexOf(el) === index)
    .filter((el) => visible(el) && !el.closest('[hidden], [inert]'));
  // What can be touched of each: its box, clipped by every scrolling ancestor (a row scrolled out of
  // a list's view is not under the button below the list).
  const clipped = (el: Element) => {
    let { left, top, right, bottom } = el.getBoundingClientRect();
    for (let up = el.parentElement; up; up = up.parentElement) {
      const style = getComputedStyle(up);
      if (style.overflowX === 'visible' && style.overflowY === 'visible') continue;
      const clip = up.getBoundingClientRect();
      left = Math.max(left, clip.left);
      top = Math.max(top, clip.top);
      right = Math.min(right, clip.right);
      bottom = Math.min(bottom, clip.bottom);
    }
    return { left, top, right, bottom };
  };
  for (const el of targets) {
    const box = el.getBoundingClientRect();
    if (box.width < minTarget - 0.5 || box.height < minTarget - 0.5)
      out.push(`"${label(el)}" is ${Math.round(box.width)}×${Math.round(box.height)} px`);
  }
  const boxes = targets.map((el) => ({ el, box: clipped(el) })).filter(({ box }) => box.right > box.left && box.bottom > box.top);
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i]!;
      const b = boxes[j]!;
      if (a.el.contains(b.el) || b.el.contains(a.el)) continue;
      const overlapX = Math.min(a.box.right, b.box.right) - Math.max(a.box.left, b.box.left);
      const overlapY = Math.min(a.box.bottom, b.box.bottom) - Math.max(a.box.top, b.box.top);
      if (overlapX > 1 && overlapY > 1) out.push(`"${label(a.el)}" overlaps "${label(b.el)}"`);
    }
  }
  // Text a person reads at a glance (who speaks, who is next) is neither under a control nor out of
  // its card: a fixed-height area that a two-line name outgrows spills onto the buttons below it.
  for (const text of document.querySelectorAll('.speaker-name, .speaker-note, .up-next')) {
    if (!visible(text) || text.textContent?.trim() === '') continue;
    const box = text.getBoundingClientRect();
    for (const { el, box: target } of boxes) {
      if (el.contains(text)) continue;
      const overlapX = Math.min(box.right, target.right) - Math.max(box.left, target.left);
      const overlapY = Math.min(box.bottom, target.bottom) - Math.max(box.top, target.top);
      if (overlapX > 1 && overlapY > 1) out.push(`the text "${label(text)}" overlaps "${label(el)}"`);
    }
    const area = text.parentElement?.closest('section, .card');
    const bounds = area?.getBoundingClientRect();
    if (bounds && (box.top < bounds.top - 0.5 || box.bottom > bounds.bottom + 0.5))
      out.push(`the text "${label(text)}" spills out of its area`);
  }
  for (const name of document.querySelectorAll('.tile-name, .speaker-name, .queue-name, .attendance-name')) {
    if (!visible(name)) continue;
    if (name.scrollWidth > name.clientWidth + 0.5 || name.scrollHeight > name.clientHeight + 0.5)
      out.push(`the name "${name.textContent}" is cut`);
  }
  const tileTexts = [...document.querySelectorAll('.tile-name')].map((n) => n.textContent);
  const repeated = tileTexts.filter((text, index) => tileTexts.indexOf(text) !== index);
  if (repeated.length > 0) out.push(`tiles read the same: ${repeated.join(', ')}`);
  for (const tile of document.querySelectorAll('.tile')) {
    const box = tile.getBoundingClientRect();
    if (box.left < 0 || box.right > innerWidth + 0.5) out.push(`the tile "${label(tile)}" leaves the screen`);
  }
  return out;
}

/** Every axe violation of any impact, as readable lines. */
export async function axeViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page })
    // Experimental, so off by default; on here, since voice control needs a name that says what it shows.
    .options({ rules: { 'label-content-name-mismatch': { enabled: true } } })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
    .analyze();
  return violations.map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}
