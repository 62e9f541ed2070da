/**
 * Whole-file replacement that a crash cannot tear: the new content goes to a temporary file
 * beside the target, is flushed to disk, and replaces the target by rename, which POSIX
 * makes atomic. A reader sees the old file or the new one, never half of either, and a
 * kill -9 at any instant leaves at worst an orphaned temporary file.
 */
import { randomBytes } from 'node:crypto';
import { open, rename, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';

export async function writeFileAtomic(path: string, content: string | Uint8Array): Promise<void> {
  const temporary = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const file = await open(temporary, 'w', 0o600);
  try {
    await file.writeFile(content);
    await file.sync();
  } finally {
    await file.close();
  }
  try {
    await rename(temporary, path);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
  await syncDirectory(dirname(path));
}

/** Makes the rename itself durable; some platforms cannot open a directory, which is fine there. */
async function syncDirectory(path: string): Promise<void> {
  let directory;
  try {
    directory = await open(path, 'r');
    await directory.sync();
  } catch {
    // Windows and some file systems refuse fsync on a directory; the rename stands anyway.
  } finally {
    await directory?.close();
  }
}
