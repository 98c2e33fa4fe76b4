import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Linter, type Rule } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * The layers of docs/architecture.md as lint holds them (S45), and the one access layer (S46).
 * The rule is run by ESLint's own Linter on small sources; the tables are read from the real
 * eslint.config.js and the real doc.
 */

type Layer = { name: string; parts: string[] };
/** Plain JavaScript modules of the repo (ESLint loads them as they are), imported by their path. */
const load = async (file: string): Promise<{ default: unknown }> => import(pathToFileURL(path.resolve(file)).href);
const layers = (await load('eslint-rules/layers.js')).default as Rule.RuleModule;
const config = (await load('eslint.config.js')).default;
type LayerOptions = { root: string; layers: Layer[] };

/** The `holdspace/layers` options of each side, exactly as `npm run lint` applies them. */
const enforced: LayerOptions[] = (config as { rules?: Record<string, unknown> }[])
  .map((block) => block.rules?.['holdspace/layers'])
  .filter((rule): rule is ['error', LayerOptions] => Array.isArray(rule))
  .map(([, options]) => options);

const lint = (filename: string, code: string, options: LayerOptions) =>
  new Linter({ configType: 'flat', cwd: '/repo' }).verify(
    code,
    [{ files: ['**/*.ts'], plugins: { holdspace: { rules: { layers } } }, rules: { 'holdspace/layers': ['error', options] } }],
    { filename: `/repo/${filename}` },
  );

const SMALL: LayerOptions = {
  root: 'server/',
  layers: [
    { name: 'top', parts: ['server/app.ts'] },
    { name: 'transports', parts: ['server/http/', 'server/socket/'] },
    { name: 'bottom', parts: ['server/http/errors.ts', 'server/store/'] },
  ],
};

describe('folder layers', () => {
  it('[S45] lint refuses an import up a layer, one between peers, and a file in no layer', () => {
    expect(lint('server/http/routes.ts', "import { store } from '../store/types.js';", SMALL)).toEqual([]);
    expect(lint('server/app.ts', "import { route } from './http/routes.js';", SMALL)).toEqual([]);
    // The longest part wins: the REST error is below http/, so below a peer of http/ too.
    expect(lint('server/socket/auth.ts', "import { HttpError } from '../http/errors.js';", SMALL)).toEqual([]);

    const upward = lint('server/store/rows.ts', "export { route } from '../http/routes.js';", SMALL);
    expect(upward.map((m) => m.messageId)).toEqual(['upward']);
    expect(upward[0]!.message).toContain('server/store/ (bottom) may not import server/http/ (transports)');
    const sideways = lint('server/http/reach.ts', "const s = await import('../socket/auth.js');", SMALL);
    expect(sideways.map((m) => m.messageId)).toEqual(['sideways']);
    expect(lint('server/tls/keeper.ts', 'export const keeper = 1;', SMALL).map((m) => m.messageId)).toEqual(['unplaced']);
    // Outside the side it watches, and packages, it leaves alone.
    expect(lint('client/main.ts', "import { x } from '../server/app.js';", SMALL)).toEqual([]);
    expect(lint('server/store/rows.ts', "import express from 'express';", SMALL)).toEqual([]);
  });

  it('[S45] docs/architecture.md shows the very tables lint enforces, for server/, client/ and shared/', () => {
    expect(enforced.map((o) => o.root)).toEqual(['server/', 'client/', 'shared/']);
    const doc = fs.readFileSync('docs/architecture.md', 'utf8');
    for (const { root, layers: order } of enforced) {
      const section = doc.split(`\n## ${root}\n`)[1]!.split('\n## ')[0]!;
      const rows = [...section.matchAll(/^\| ([^|`]+?) \| (`.+`) \|$/gm)].map((m) => ({
        name: m[1]!,
        parts: [...m[2]!.matchAll(/`([^`]+)`/g)].map((p) => p[1]!),
      }));
      expect(rows, root).toEqual(order);
    }
  });
});

/** Comparisons that decide a role or an admin's right: the kind only server/access/ makes. */
const ROLE_DECISION = /\b(?:leadId|coFacilitatorId)\s*[!=]==\s*(?:me|user|userId|req)\b|\b(?:me|user)\.admin\b/;

describe('one access layer', () => {
  it('[S46] no REST route, socket handler or live session decides a role or an admin’s right itself', () => {
    const sources = (dir: string): string[] =>
      fs
        .readdirSync(dir, { withFileTypes: true, recursive: true })
        .filter((e) => e.isFile() && e.name.endsWith('.ts'))
        .map((e) => `${e.parentPath}/${e.name}`);
    const files = ['server/http', 'server/socket', 'server/live'].flatMap(sources);
    expect(files.length).toBeGreaterThan(20);
    const deciding = files.filter((file) => ROLE_DECISION.test(fs.readFileSync(file, 'utf8')));
    expect(deciding).toEqual([]);
    // The pattern does find such a check where it belongs.
    expect(ROLE_DECISION.test(fs.readFileSync('server/access/policy.ts', 'utf8'))).toBe(true);
  });
});
