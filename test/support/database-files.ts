import fs from 'node:fs';
import path from 'node:path';

/** Is `text` anywhere in the SQLite database's files, as bytes, whatever its tables say (D10)? */
export const inDatabaseFiles = (dataDir: string, text: string): boolean =>
  ['holdspace.db', 'holdspace.db-wal']
    .map((file) => path.join(dataDir, file))
    .some((file) => fs.existsSync(file) && fs.readFileSync(file).includes(Buffer.from(text)));
