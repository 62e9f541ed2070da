/**
 * The shared AWS config and credentials files, read with the SDK's own loader so lab sees
 * exactly the profiles the SDK's credential chain will see.
 */
import { join, sep } from 'node:path';

export interface AwsConfigFiles {
  /** The profile the SDK will use: --profile, else AWS_PROFILE, else `default`. */
  profile: string;
  /** Whether the learner named the profile (so a missing one is a mistake, not a default). */
  profileNamed: boolean;
  configPath: string;
  credentialsPath: string;
  /** The profile's settings in ~/.aws/config, and in ~/.aws/credentials. */
  inConfig: Record<string, string | undefined> | undefined;
  inCredentials: Record<string, string | undefined> | undefined;
}

export async function loadAwsConfigFiles(profileOption: string | undefined, env: NodeJS.ProcessEnv): Promise<AwsConfigFiles> {
  const { getHomeDir, loadSharedConfigFiles } = await import('@smithy/core/config');
  const profile = profileOption ?? env.AWS_PROFILE ?? 'default';
  const home = getHomeDir();
  const configPath = env.AWS_CONFIG_FILE ?? join(home, '.aws', 'config');
  const credentialsPath = env.AWS_SHARED_CREDENTIALS_FILE ?? join(home, '.aws', 'credentials');
  // The loader caches files by path for the life of the process; doctor wants them as they are now.
  const { configFile, credentialsFile } = await loadSharedConfigFiles({ filepath: credentialsPath, configFilepath: configPath, ignoreCache: true });
  return {
    profile,
    profileNamed: profileOption !== undefined || env.AWS_PROFILE !== undefined,
    configPath: homeRelative(configPath, home),
    credentialsPath: homeRelative(credentialsPath, home),
    inConfig: configFile[profile],
    inCredentials: credentialsFile[profile],
  };
}

function homeRelative(path: string, home: string): string {
  return path.startsWith(home + sep) ? `~${path.slice(home.length)}` : path;
}
