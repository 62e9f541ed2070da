/**
 * Files a lab leaves for the learner (week8-day6's HTML report): one folder, chosen by the
 * runner, that `lab cleanup` never touches, because the files are the learner's to keep.
 */
import { mkdir } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { writeFileAtomic } from '../ledger/atomic-file.js';
import { labConfigDir } from '../ledger/paths.js';

/**
 * `<config dir>/files/<lab>/`: the files printed `aws` commands name (`--body`, `file://`),
 * written where the learner can run the commands as printed. Rewritten by every run.
 */
export function defaultCommandFilesDir(lab: string, env: NodeJS.ProcessEnv = process.env): string {
  return join(labConfigDir(env), 'files', lab);
}

/** `<config dir>/reports/`, where README tells the learner to look. */
export function defaultArtifactsDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(labConfigDir(env), 'reports');
}

/** The path `name` gets in `dir`; a name is a file name, never a path out of the folder. */
export function artifactPath(dir: string, name: string): string {
  if (name === '' || name === '.' || name === '..' || name !== basename(name)) throw new Error(`an artifact's name is a plain file name, not '${name}'`);
  return join(dir, name);
}

/** The whole file or nothing, as the ledger is written: a browser reloading the report never sees half of it. */
export async function writeArtifactFile(path: string, content: string | Uint8Array): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFileAtomic(path, content);
}
