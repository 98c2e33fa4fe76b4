import type pg from 'pg';
import type { Db } from './sqlite/open.js';

/**
 * Where Holdspace keeps everything: SQLite in the data folder (the default: one process, nothing
 * to install), or PostgreSQL at `DATABASE_URL`, which several processes can share
 * (docs/operations.md, docs/decisions/013-scale-out.md). better-auth keeps its tables in the same one.
 */
export type Storage = { kind: 'sqlite'; db: Db } | { kind: 'postgres'; pool: pg.Pool };
