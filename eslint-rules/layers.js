import path from 'node:path';

/**
 * Folder layering as a lint rule (docs/architecture.md). `layers` lists the parts of one side of
 * the house from the top down; a part is a folder (`server/http/`) or a file (`server/app.ts`),
 * and a file belongs to the longest part that holds it. A file may import its own part and the
 * parts of lower layers only: never upwards, never a peer in its own layer. With every edge
 * pointing down, no two folders can import each other, directly or round a loop — the folder
 * cycles `import-x/no-cycle` does not see (it follows files). A file under `root` that no part
 * holds is reported too, so a new folder is placed on purpose.
 */

const EXTENSION = /\.(?:[cm]?[jt]sx?)$/;
const posix = (p) => p.split(path.sep).join('/');

function placer(layers) {
  const parts = layers.flatMap((layer, rank) => layer.parts.map((part) => ({ part, rank, layer: layer.name })));
  // Longest first, so `server/http/errors.ts` wins over `server/http/`.
  parts.sort((a, b) => b.part.length - a.part.length);
  return (file) => {
    const bare = file.replace(EXTENSION, '');
    return parts.find(({ part }) => (part.endsWith('/') ? file.startsWith(part) : bare === part.replace(EXTENSION, ''))) ?? null;
  };
}

export default {
  meta: {
    type: 'problem',
    docs: { description: 'imports go down the documented layers, never up or sideways (docs/architecture.md)' },
    schema: [
      {
        type: 'object',
        properties: {
          root: { type: 'string' },
          layers: {
            type: 'array',
            items: {
              type: 'object',
              properties: { name: { type: 'string' }, parts: { type: 'array', items: { type: 'string' } } },
              required: ['name', 'parts'],
              additionalProperties: false,
            },
          },
        },
        required: ['root', 'layers'],
        additionalProperties: false,
      },
    ],
    messages: {
      upward: '{{from}} ({{fromLayer}}) may not import {{to}} ({{toLayer}}): imports go down the layers only (docs/architecture.md).',
      sideways: '{{from}} may not import {{to}}: peers in the layer "{{fromLayer}}" do not import each other (docs/architecture.md).',
      unplaced: '{{file}} is in no layer: add its folder to the layers in eslint.config.js and docs/architecture.md.',
    },
  },
  create(context) {
    const { root, layers } = context.options[0];
    const place = placer(layers);
    const file = posix(path.relative(context.cwd, context.filename));
    // Declaration files (vite-env.d.ts) import nothing at run time.
    if (!file.startsWith(root) || file.endsWith('.d.ts')) return {};
    const here = place(file);
    if (!here) {
      return { Program: (node) => context.report({ node, messageId: 'unplaced', data: { file } }) };
    }
    const check = (source) => {
      if (!source || typeof source.value !== 'string' || !source.value.startsWith('.')) return;
      const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), source.value));
      const there = place(target);
      if (!there || there.part === here.part || there.rank > here.rank) return;
      const data = { from: here.part, fromLayer: here.layer, to: there.part, toLayer: there.layer };
      context.report({ node: source, messageId: there.rank === here.rank ? 'sideways' : 'upward', data });
    };
    return {
      ImportDeclaration: (node) => check(node.source),
      ExportNamedDeclaration: (node) => check(node.source),
      ExportAllDeclaration: (node) => check(node.source),
      ImportExpression: (node) => check(node.source),
    };
  },
};
