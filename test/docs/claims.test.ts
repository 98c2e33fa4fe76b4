import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '../../shared/protocol.js';

/**
 * What the docs claim, held to the code by the build (issue 14 §5): the protocol version, the
 * rule ids and the tests that cite them, the file paths the docs name, and the README's commands.
 * Plain text checks over the tracked files: no server is started.
 */

const tracked = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], { encoding: 'utf8' })
  .split('\n')
  .filter((file) => file !== '' && fs.existsSync(file));
const read = (file: string) => fs.readFileSync(file, 'utf8');
const docFiles = tracked.filter((file) => file === 'README.md' || file === 'test/README.md' || /^docs\/.*\.md$/.test(file));

describe('the protocol version', () => {
  it('is the code’s PROTOCOL_VERSION everywhere docs/protocol.md states it', () => {
    const doc = read('docs/protocol.md');
    const stated = [
      ...[...doc.matchAll(/^# Holdspace protocol — version (\d+)$/gm)].map((m) => ({ where: 'heading', version: m[1] })),
      ...[...doc.matchAll(/`PROTOCOL_VERSION` \((\d+)\)/g)].map((m) => ({ where: 'PROTOCOL_VERSION (…)', version: m[1] })),
      ...[...doc.matchAll(/protocolVersion: (\d+)/g)].map((m) => ({ where: 'protocolVersion: …', version: m[1] })),
    ];
    // The heading, P1, the client's steps (§1, twice) and the handshake table (§3) at least.
    expect(stated.filter((s) => s.where === 'heading')).toHaveLength(1);
    expect(stated.filter((s) => s.where === 'PROTOCOL_VERSION (…)').length).toBeGreaterThanOrEqual(1);
    expect(stated.filter((s) => s.where === 'protocolVersion: …').length).toBeGreaterThanOrEqual(3);
    expect(stated.filter((s) => Number(s.version) !== PROTOCOL_VERSION)).toEqual([]);
  });
});

/** Rule families: P and R in protocol.md, S in security.md, D in privacy.md, L in console.md. */
const RULE_ID = /\b([PRSDL]\d{1,3})\b/;
const definedRules = (): Map<string, string> => {
  const defined = new Map<string, string>();
  for (const file of docFiles) {
    // A rule is defined where its id opens a bold run: `**P7.**`, `- **S5** …`, `**D3** …`, `**S19**:`.
    for (const m of read(file).matchAll(/\*\*([PRSDL]\d{1,3})\.?\*\*/g)) if (!defined.has(m[1]!)) defined.set(m[1]!, file);
  }
  return defined;
};
/** Ids cited by tests, as `[P7]` in a test's name (or anywhere in a test file, e.g. a describe). */
const citedRules = (): Map<string, string[]> => {
  const cited = new Map<string, string[]>();
  for (const file of tracked.filter((f) => f.startsWith('test/') && f.endsWith('.ts') && f !== 'test/docs/claims.test.ts')) {
    for (const m of read(file).matchAll(/\[([PRSDL]\d{1,3})\]/g)) cited.set(m[1]!, [...(cited.get(m[1]!) ?? []), file]);
  }
  return cited;
};

describe('rule ids', () => {
  it('every family is defined somewhere, and the protocol’s rule index lists exactly its P and R rules', () => {
    const defined = definedRules();
    for (const family of ['P', 'R', 'S', 'D', 'L'])
      expect(
        [...defined.keys()].some((id) => id.startsWith(family)),
        family,
      ).toBe(true);
    const index = read('docs/protocol.md').split('## 17. Rule index')[1] ?? '';
    const listed = [...index.matchAll(/^\| ([PR]\d+) \|/gm)].map((m) => m[1]).sort();
    const protocolRules = [...defined]
      .filter(([, file]) => file === 'docs/protocol.md')
      .map(([id]) => id)
      .sort();
    expect(listed).toEqual(protocolRules);
  });

  it('every rule the docs define is cited by at least one test', () => {
    const cited = citedRules();
    const uncited = [...definedRules().keys()].filter((id) => !cited.has(id));
    expect(uncited).toEqual([]);
  });

  it('every rule a test cites is defined in the docs', () => {
    const defined = definedRules();
    const unknown = [...citedRules()].filter(([id]) => !defined.has(id)).map(([id, files]) => `${id} in ${files.join(', ')}`);
    expect(unknown).toEqual([]);
  });

  it('every rule id the docs mention is one they define', () => {
    const defined = definedRules();
    const mentioned: string[] = [];
    for (const file of docFiles.filter((f) => f !== 'docs/performance.md')) {
      // Ids in prose: "S15", "(P7)", "P1, P2"; not part of a word (a UUID, "P50", "D3D").
      for (const m of read(file).matchAll(new RegExp(RULE_ID.source, 'g'))) if (!defined.has(m[1]!)) mentioned.push(`${m[1]} in ${file}`);
    }
    expect(mentioned).toEqual([]);
  });
});

/** `a/{b,c}.ts` → `a/b.ts`, `a/c.ts`. */
const expandBraces = (p: string): string[] => {
  const m = /^(.*)\{([^}]*)\}(.*)$/.exec(p);
  return m ? m[2]!.split(',').flatMap((part) => expandBraces(`${m[1]}${part}${m[3]}`)) : [p];
};
const ROOTED = /^(shared|server|client|test|bench|docs|\.ci)\/[\w./{},-]*$/;
const BARE_FILE = /^[\w.-]+\.(ts|tsx|md)$/;

describe('file paths', () => {
  it('every repository path a doc names in code spans or links exists', () => {
    const basenames = new Set(tracked.map((f) => path.basename(f)));
    const missing: string[] = [];
    for (const doc of docFiles) {
      const text = read(doc);
      // A decision record is history, never rewritten: one superseded may name what has since moved.
      if (/^docs\/decisions\/\d{3}-/.test(doc) && /^Status:[^\n]*superseded/im.test(text)) continue;
      for (const m of text.matchAll(/`([^`\s]+)`/g)) {
        const named = m[1]!;
        const firstDir = named.split('/')[0]!;
        const besideDoc =
          named.includes('/') &&
          !['', '.', '..'].includes(firstDir) &&
          fs.existsSync(path.join(path.dirname(doc), firstDir)) &&
          fs.statSync(path.join(path.dirname(doc), firstDir)).isDirectory();
        if (ROOTED.test(named) || (besideDoc && /^[\w./{},-]+$/.test(named))) {
          // From the repository's root, or (test/README.md's `support/server.ts`) from the doc's folder.
          for (const p of expandBraces(named))
            if (!fs.existsSync(p) && !fs.existsSync(path.join(path.dirname(doc), p))) missing.push(`${doc}: ${p}`);
        } else if (BARE_FILE.test(named) && !basenames.has(named)) {
          // A bare file name (`snapshots.ts`) is read in its context: it must name some file.
          missing.push(`${doc}: ${named}`);
        }
      }
      for (const m of text.matchAll(/\]\(([^)\s#]+)(#[^)]*)?\)/g)) {
        if (/^[a-z]+:/.test(m[1]!)) continue;
        const p = path.join(path.dirname(doc), m[1]!);
        if (!fs.existsSync(p)) missing.push(`${doc}: link ${m[1]}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('every doc the code’s comments point to exists (e.g. test/README.md)', () => {
    const missing: string[] = [];
    for (const file of tracked.filter((f) => /\.(ts|tsx|js)$/.test(f) || f === '.ci/run')) {
      for (const m of read(file).matchAll(/\b((?:docs|test)\/[\w/.-]+\.md)\b/g))
        if (!fs.existsSync(m[1]!)) missing.push(`${file}: ${m[1]}`);
    }
    expect(missing).toEqual([]);
  });

  it('every decision record is in the index, and the index links only records that exist', () => {
    const records = tracked.filter((f) => /^docs\/decisions\/\d{3}-.*\.md$/.test(f)).map((f) => path.basename(f));
    const index = read('docs/decisions/README.md');
    const linked = [...index.matchAll(/\]\((\d{3}-[^)]+\.md)\)/g)].map((m) => m[1]);
    expect([...new Set(linked)].sort()).toEqual(records.sort());
  });
});

// ---- The README's commands and CI -------------------------------------------------------------

const scripts: Record<string, string> = JSON.parse(read('package.json')).scripts;

/** The npm scripts a command line runs: `npm test` → test; `npm run a -- x` → a; `npm ci` → ci. */
const npmCommands = (line: string): string[] =>
  [...line.matchAll(/\bnpm (?:run )?([\w:-]+)/g)].map((m) => (m[1] === 'install' ? 'ci' : m[1]!)).filter((s) => s !== 'run');

/** Everything a script runs, following `npm run x` inside it, with its pre- and post- hooks. */
const closure = (roots: string[]): Set<string> => {
  const seen = new Set<string>();
  const visit = (name: string) => {
    if (seen.has(name)) return;
    seen.add(name);
    const body = scripts[name];
    if (body === undefined) return;
    for (const hook of [`pre${name}`, `post${name}`]) if (scripts[hook] !== undefined) visit(hook);
    for (const inner of npmCommands(body)) visit(inner);
  };
  roots.forEach(visit);
  return seen;
};

/**
 * README commands CI does not run, each with why. They start or maintain a server, or measure it;
 * none of them is a check. (`npm install` is run as `npm ci`, the same install from the lockfile.)
 */
const NOT_RUN_BY_CI: Record<string, string> = {
  start: 'starts the server (and builds first)',
  serve: 'starts the server',
  dev: 'starts the development servers',
  build: 'CI builds the client through Vite’s API in the end-to-end setup (test/e2e/global-setup.ts)',
  bench: 'a benchmark of many minutes; its figures go to docs/performance.md, not to a pass/fail',
  accounts: 'the operator’s account tool',
  backup: 'the operator’s backup tool; what it does is tested in test/privacy/backup.test.ts',
  format: 'rewrites the tree; CI runs its check, format:check',
};

describe('the README’s commands', () => {
  const readme = read('README.md');
  const blocks = [...readme.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!);
  const spans = [...readme.matchAll(/`(npm [^`]+)`/g)].map((m) => m[1]!);
  const shown = [...new Set([...blocks, ...spans].flatMap(npmCommands))];

  it('every npm command the README shows is a script in package.json (or npm’s own ci)', () => {
    expect(shown.length).toBeGreaterThan(5);
    expect(shown.filter((name) => name !== 'ci' && scripts[name] === undefined)).toEqual([]);
  });

  it('every one is run by .ci/run, or is a server or operator command listed with why CI does not run it', () => {
    const ci = read('.ci/run')
      .split('\n')
      .filter((line) => !line.trimStart().startsWith('#'));
    const run = closure(ci.flatMap(npmCommands));
    expect(run.has('ci') && run.has('test')).toBe(true);
    // A script made only of npm scripts CI runs (`validate`: typecheck, lint, test) is run by CI too.
    const byParts = (name: string) => {
      const parts = (scripts[name] ?? '').split('&&');
      return parts.every((part) => /^\s*npm (run )?[\w:-]+\s*$/.test(part)) && parts.flatMap(npmCommands).every((inner) => run.has(inner));
    };
    const neither = shown.filter((name) => !run.has(name) && !byParts(name) && NOT_RUN_BY_CI[name] === undefined);
    expect(neither).toEqual([]);
    // The exceptions stay honest: each is shown in the README and really is not run by CI.
    for (const name of Object.keys(NOT_RUN_BY_CI)) {
      expect(shown, name).toContain(name);
      expect(run.has(name), name).toBe(false);
    }
    expect(read('test/e2e/global-setup.ts')).toMatch(/await build\(/);
  });
});

// ---- What test/README.md asks of every test, where a text check can hold it -------------------

describe('test hygiene (test/README.md)', () => {
  const testFiles = tracked.filter((f) => f.startsWith('test/') && /\.tsx?$/.test(f) && f !== 'test/docs/claims.test.ts');

  it('randomness comes from a seed: no Math.random in a test', () => {
    expect(testFiles.filter((f) => read(f).includes('Math.random'))).toEqual([]);
  });

  it('servers listen on port 0 or a port the system handed out: no port number written in a test', () => {
    const fixed = testFiles.filter((f) => /\.listen\(\s*[1-9]|\bport:\s*[1-9]\d{2,}|\bPORT:\s*'[1-9]/.test(read(f)));
    expect(fixed).toEqual([]);
  });
});
