/**
 * The public AMIs every sandbox region offers: current and previous Amazon Linux 2023
 * releases and Ubuntu 22.04 / 24.04 from Canonical, named as their owners name them, so
 * the usual "latest AMI by name filter" lookups work. Ids are stable per region, like the
 * real ones (which also differ per region).
 */
import type { ImageRecord } from './records.js';
import { stableId } from './stable-ids.js';

const AMAZON = '137112412989';
const CANONICAL = '099720109477';

interface CatalogueEntry {
  name: string;
  description: string;
  owner: typeof AMAZON | typeof CANONICAL;
  created: string;
  architecture: 'x86_64' | 'arm64';
  rootDeviceName: string;
  volumeType: string;
}

function amazonLinux(release: string, created: string, architecture: 'x86_64' | 'arm64'): CatalogueEntry {
  return {
    name: `al2023-ami-${release}-kernel-6.1-${architecture}`,
    description: `Amazon Linux 2023 AMI ${release} ${architecture} HVM kernel-6.1`,
    owner: AMAZON,
    created,
    architecture,
    rootDeviceName: '/dev/xvda',
    volumeType: 'gp3',
  };
}

function ubuntu(version: string, codename: string, volume: 'hvm-ssd' | 'hvm-ssd-gp3', build: string, architecture: 'x86_64' | 'arm64'): CatalogueEntry {
  const arch = architecture === 'x86_64' ? 'amd64' : 'arm64';
  const date = `${build.slice(0, 4)}-${build.slice(4, 6)}-${build.slice(6, 8)}`;
  return {
    name: `ubuntu/images/${volume}/ubuntu-${codename}-${version}-${arch}-server-${build}`,
    description: `Canonical, Ubuntu, ${version} LTS, ${arch} ${codename} image build on ${date}`,
    owner: CANONICAL,
    created: `${date}T08:14:33.000Z`,
    architecture,
    rootDeviceName: '/dev/sda1',
    volumeType: volume === 'hvm-ssd-gp3' ? 'gp3' : 'gp2',
  };
}

const CATALOGUE: CatalogueEntry[] = [
  amazonLinux('2023.6.20241212.0', '2024-12-13T19:52:04.000Z', 'x86_64'),
  amazonLinux('2023.6.20241212.0', '2024-12-13T19:52:05.000Z', 'arm64'),
  amazonLinux('2023.6.20250115.0', '2025-01-16T21:04:29.000Z', 'x86_64'),
  amazonLinux('2023.6.20250115.0', '2025-01-16T21:04:31.000Z', 'arm64'),
  ubuntu('22.04', 'jammy', 'hvm-ssd', '20241217', 'x86_64'),
  ubuntu('22.04', 'jammy', 'hvm-ssd', '20250112', 'x86_64'),
  ubuntu('22.04', 'jammy', 'hvm-ssd', '20250112', 'arm64'),
  ubuntu('24.04', 'noble', 'hvm-ssd-gp3', '20250115', 'x86_64'),
  ubuntu('24.04', 'noble', 'hvm-ssd-gp3', '20250115', 'arm64'),
];

export function catalogueImages(region: string): ImageRecord[] {
  return CATALOGUE.map((entry) => ({
    imageId: stableId('ami', `${region}/${entry.name}`),
    name: entry.name,
    description: entry.description,
    ownerId: entry.owner,
    ...(entry.owner === AMAZON ? { ownerAlias: 'amazon' } : {}),
    creationDate: entry.created,
    architecture: entry.architecture,
    platformDetails: 'Linux/UNIX',
    rootDeviceName: entry.rootDeviceName,
    blockDevices: [
      {
        deviceName: entry.rootDeviceName,
        snapshotId: stableId('snap', `${region}/${entry.name}`),
        volumeSize: 8,
        volumeType: entry.volumeType,
      },
    ],
    public: true,
    state: { name: 'available', since: 0 },
  }));
}
