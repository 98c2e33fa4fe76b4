import type { Express } from 'express';

interface Layer {
  route?: { path: string | string[]; methods: Record<string, boolean> };
  handle: { stack?: Layer[] };
  rawPath?: string | string[];
}

/**
 * Every route an Express app answers, as "METHOD /path" (mount paths joined), read from the
 * router stacks themselves: a route added anywhere shows up here without anyone listing it.
 */
export function listRoutes(app: Express): string[] {
  const found = new Set<string>();
  const walk = (stack: Layer[], prefix: string) => {
    for (const layer of stack) {
      if (layer.route) {
        // `app.all` registers every method Node knows: one "ALL" line says it.
        const methods = Object.keys(layer.route.methods);
        const named = methods.length > 8 || methods.includes('_all') ? ['ALL'] : methods.map((m) => m.toUpperCase());
        for (const path of [layer.route.path].flat()) for (const method of named) found.add(`${method} ${join(prefix, String(path))}`);
      } else if (layer.handle.stack) {
        const mount = [layer.rawPath ?? ''].flat()[0] ?? '';
        walk(layer.handle.stack, join(prefix, typeof mount === 'string' ? mount : ''));
      }
    }
  };
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack, '');
  return [...found].sort();
}

function join(prefix: string, path: string): string {
  const joined = `${prefix}/${path}`.replace(/\/+/g, '/');
  return joined.length > 1 ? joined.replace(/\/$/, '') : joined;
}
