import { createHash } from 'node:crypto';

/**
 * The frame of every members' page: plain HTML, one inline style block (allowed by its hash in the
 * CSP, S48), no script, no image, no font, nothing from anywhere else. Made for a phone held in one
 * hand (390 px wide): eleven score buttons fit a row, every target is at least 44 px tall, and it
 * follows the phone's light or dark setting.
 */
const STYLE = `
:root{color-scheme:light dark;--bg:#fff;--fg:#1c1c21;--muted:#55555f;--line:#b9b9c4;--accent:#2c5a88;--on-accent:#fff;--error:#9c1f28;
font:18px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
@media (prefers-color-scheme:dark){:root{--bg:#16161a;--fg:#ececf1;--muted:#b0b0bb;--line:#4a4a54;--accent:#8fbbe8;--on-accent:#0b1826;--error:#ffa0a6}}
*{box-sizing:border-box}
body{margin:0 auto;max-width:36rem;padding:16px 12px 40px;background:var(--bg);color:var(--fg)}
h1{font-size:1.35rem;line-height:1.25;margin:4px 0 12px}
p{margin:8px 0}
.muted{color:var(--muted)}
fieldset{border:0;margin:0;padding:10px 0 14px;min-width:0}
legend{font-weight:600;padding:0 0 8px}
.names{display:grid;gap:8px}
.names label{display:flex;align-items:center;gap:12px;min-height:52px;padding:0 14px;border:1px solid var(--line);border-radius:10px}
.names input{width:22px;height:22px;margin:0;accent-color:var(--accent)}
.names label:has(:checked){border:2px solid var(--accent)}
.scale{display:grid;grid-template-columns:repeat(11,1fr);gap:3px}
.scale label{position:relative;display:block}
.scale input{position:absolute;inset:0;width:100%;height:100%;margin:0;opacity:0}
.scale span{display:flex;align-items:center;justify-content:center;height:48px;border:1px solid var(--line);border-radius:8px;font-variant-numeric:tabular-nums}
.scale input:checked+span{background:var(--accent);border-color:var(--accent);color:var(--on-accent);font-weight:700}
input:focus-visible+span,input:focus-visible,button:focus-visible,a:focus-visible{outline:3px solid var(--accent);outline-offset:2px}
.ends{display:flex;justify-content:space-between;color:var(--muted);font-size:.85rem;margin-top:4px}
label.field{display:block;font-weight:600;margin:12px 0 6px}
input[type=text]{display:block;width:100%;min-height:52px;padding:8px 12px;font:inherit;color:inherit;background:transparent;border:1px solid var(--line);border-radius:10px}
input.code{font-size:1.6rem;letter-spacing:.2em;text-transform:uppercase}
button,.button{display:flex;align-items:center;justify-content:center;width:100%;min-height:56px;margin-top:16px;padding:0 16px;font:inherit;font-weight:600;text-decoration:none;border:0;border-radius:10px;background:var(--accent);color:var(--on-accent)}
.button.quiet{background:transparent;color:var(--accent);border:2px solid var(--accent)}
.error{color:var(--error);font-weight:600}
.problem{border-left:4px solid var(--error);padding:4px 12px;margin:12px 0}
`
  .trim()
  .replace(/\n/g, '');

/** The CSP source of the one style block (`sha256-…`). */
export const STYLE_HASH = `sha256-${createHash('sha256').update(STYLE).digest('base64')}`;

/** Text made safe for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A whole page: its title (also the tab's) and its body, already escaped. */
export function page(title: string, body: string): string {
  return (
    `<!doctype html><html lang="en"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width,initial-scale=1">` +
    `<meta name="referrer" content="no-referrer"><meta name="robots" content="noindex,nofollow">` +
    `<title>${escapeHtml(title)}</title><style>${STYLE}</style></head>` +
    `<body><main>${body}</main></body></html>`
  );
}
