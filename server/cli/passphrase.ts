/**
 * A backup passphrase, from the environment or standard input — never the command line, where
 * `ps` and the shell's history would show it to others (docs/operations.md).
 */
export const PASSPHRASE_ENV = 'HOLDSPACE_BACKUP_PASSPHRASE';

export async function readPassphrase(env: NodeJS.ProcessEnv, { confirm }: { confirm: boolean }): Promise<string> {
  const fromEnv = env[PASSPHRASE_ENV];
  if (fromEnv) return fromEnv;
  if (!process.stdin.isTTY) return firstLine(await readAll(process.stdin));
  const first = await askUnseen('Backup passphrase: ');
  if (confirm && (await askUnseen('Again, to be sure: ')) !== first) throw new Error('The two passphrases differ; nothing was written.');
  return first;
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

/** The first line, without its line ending: `echo "$PASS" | npm run backup -- --encrypt` adds one. */
const firstLine = (text: string) => text.split(/\r?\n/, 1)[0] ?? '';

/** Asks on the terminal with echo off, as `passwd` does. */
function askUnseen(prompt: string): Promise<string> {
  const stdin = process.stdin;
  process.stderr.write(prompt);
  stdin.setRawMode(true);
  stdin.resume();
  return new Promise((resolve, reject) => {
    let typed = '';
    const done = (result: Error | string) => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write('\n');
      if (result instanceof Error) reject(result);
      else resolve(result);
    };
    const onData = (chunk: Buffer) => {
      for (const char of chunk.toString('utf8')) {
        if (char === '\r' || char === '\n') return done(typed);
        if (char === '\u0003' || char === '\u0004') return done(new Error('Cancelled; nothing was written.'));
        if (char === '\u007f' || char === '\b') typed = [...typed].slice(0, -1).join('');
        else typed += char;
      }
    };
    stdin.on('data', onData);
  });
}
