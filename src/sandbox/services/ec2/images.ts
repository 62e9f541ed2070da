/**
 * AMIs and their snapshots: the public catalogue (amis.ts) plus the account's own images,
 * made by CreateImage from an instance (pending until the clock says available) and
 * removed by DeregisterImage, which leaves the snapshots behind as on AWS.
 */
import type {
  CreateImageCommandInput,
  CreateImageCommandOutput,
  DeleteSnapshotCommandInput,
  DeleteSnapshotCommandOutput,
  DeregisterImageCommandInput,
  DeregisterImageCommandOutput,
  DescribeImagesCommandInput,
  DescribeImagesCommandOutput,
  DescribeSnapshotsCommandInput,
  DescribeSnapshotsCommandOutput,
  Image,
  Snapshot,
} from '@aws-sdk/client-ec2';
import type { Clock } from '../../clock.js';
import { SANDBOX_ACCOUNT_ID } from '../../constants.js';
import { AwsError, missingParameter } from '../../errors.js';
import { resourceId } from '../../ids.js';
import { currentState, type Timeline } from '../../kit/timed-state.js';
import type { Handler } from '../../service.js';
import { describeRecords, type Listing } from './describe.js';
import { IMAGE, INSTANCE, lookup, SNAPSHOT } from './errors.js';
import type { ImageRecord, RegionState, SnapshotRecord } from './records.js';
import type { Ec2State } from './state.js';
import { applyTagSpecifications, forgetTags, tagList } from './tags.js';

const IMAGE_TIMELINE: Timeline<ImageRecord['state']['name']> = { pending: { transition: 'ec2.image.pending', to: 'available' } };
const SNAPSHOT_TIMELINE: Timeline<SnapshotRecord['state']['name']> = { pending: { transition: 'ec2.snapshot.pending', to: 'completed' } };

export function settleImages(region: RegionState, clock: Clock): void {
  for (const image of Object.values(region.images)) image.state = currentState(image.state, IMAGE_TIMELINE, clock);
  for (const snapshot of Object.values(region.snapshots)) snapshot.state = currentState(snapshot.state, SNAPSHOT_TIMELINE, clock);
}

/** The image an instance is launched from: it must exist and be available. */
export function launchableImage(region: RegionState, imageId: string): ImageRecord {
  const image = lookup(IMAGE, region.images, imageId);
  if (image.state.name !== 'available') {
    throw new AwsError('InvalidAMIID.Unavailable', `The image id '[${imageId}]' is not available`);
  }
  return image;
}

export function createImage(
  region: RegionState,
  instanceId: string,
  name: string,
  description: string | undefined,
  now: number,
): ImageRecord {
  const instance = lookup(INSTANCE, region.instances, instanceId);
  if (instance.state.name !== 'running' && instance.state.name !== 'stopped') {
    throw new AwsError('IncorrectInstanceState', `The instance '${instanceId}' is not in a state from which it can be imaged.`);
  }
  const taken = Object.values(region.images).find((i) => i.ownerId === SANDBOX_ACCOUNT_ID && i.name === name);
  if (taken) throw new AwsError('InvalidAMIName.Duplicate', `AMI name ${name} is already in use by AMI ${taken.imageId}`);
  const source = region.images[instance.imageId];
  const imageId = resourceId('ami');
  const blockDevices = (source?.blockDevices ?? [{ deviceName: '/dev/xvda', volumeSize: 8, volumeType: 'gp3' }]).map(
    (device) => {
      const snapshot: SnapshotRecord = {
        snapshotId: resourceId('snap'),
        volumeId: instance.rootVolumeId,
        volumeSize: device.volumeSize,
        description: `Created by CreateImage(${instanceId}) for ${imageId}`,
        startTime: now,
        state: { name: 'pending', since: now },
      };
      region.snapshots[snapshot.snapshotId] = snapshot;
      return { ...device, snapshotId: snapshot.snapshotId };
    },
  );
  const image: ImageRecord = {
    imageId,
    name,
    ...(description !== undefined ? { description } : {}),
    ownerId: SANDBOX_ACCOUNT_ID,
    creationDate: new Date(now).toISOString(),
    architecture: source?.architecture ?? 'x86_64',
    platformDetails: source?.platformDetails ?? 'Linux/UNIX',
    rootDeviceName: source?.rootDeviceName ?? '/dev/xvda',
    blockDevices,
    public: false,
    state: { name: 'pending', since: now },
    sourceInstanceId: instanceId,
  };
  region.images[imageId] = image;
  return image;
}

function toImage(region: RegionState, image: ImageRecord): Image {
  return {
    PlatformDetails: image.platformDetails,
    UsageOperation: 'RunInstances',
    BlockDeviceMappings: image.blockDevices.map((d) => ({
      Ebs: {
        DeleteOnTermination: true,
        SnapshotId: d.snapshotId,
        VolumeSize: d.volumeSize,
        VolumeType: d.volumeType as 'gp3',
        Encrypted: false,
      },
      DeviceName: d.deviceName,
    })),
    Description: image.description,
    EnaSupport: true,
    Hypervisor: 'xen',
    ImageOwnerAlias: image.ownerAlias,
    Name: image.name,
    RootDeviceName: image.rootDeviceName,
    RootDeviceType: 'ebs',
    SriovNetSupport: 'simple',
    VirtualizationType: 'hvm',
    Tags: tagList(region, image.imageId),
    ImageId: image.imageId,
    ImageLocation: `${image.ownerAlias ?? image.ownerId}/${image.name}`,
    State: image.state.name,
    OwnerId: image.ownerId,
    CreationDate: image.creationDate,
    Public: image.public,
    Architecture: image.architecture,
    ImageType: 'machine',
  };
}

function toSnapshot(region: RegionState, snapshot: SnapshotRecord): Snapshot {
  return {
    Tags: tagList(region, snapshot.snapshotId),
    StorageTier: 'standard',
    SnapshotId: snapshot.snapshotId,
    VolumeId: snapshot.volumeId,
    State: snapshot.state.name,
    StartTime: new Date(snapshot.startTime),
    Progress: snapshot.state.name === 'completed' ? '100%' : '0%',
    OwnerId: SANDBOX_ACCOUNT_ID,
    Description: snapshot.description,
    VolumeSize: snapshot.volumeSize,
    Encrypted: false,
  };
}

const IMAGE_FILTERS = {
  'image-id': (i: ImageRecord) => i.imageId,
  name: (i: ImageRecord) => i.name,
  description: (i: ImageRecord) => i.description,
  architecture: (i: ImageRecord) => i.architecture,
  state: (i: ImageRecord) => i.state.name,
  'owner-id': (i: ImageRecord) => i.ownerId,
  'owner-alias': (i: ImageRecord) => i.ownerAlias,
  'is-public': (i: ImageRecord) => i.public,
  'image-type': () => 'machine',
  'platform-details': (i: ImageRecord) => i.platformDetails,
  'root-device-name': (i: ImageRecord) => i.rootDeviceName,
  'root-device-type': () => 'ebs',
  'virtualization-type': () => 'hvm',
  hypervisor: () => 'xen',
  'block-device-mapping.snapshot-id': (i: ImageRecord) => i.blockDevices.map((d) => d.snapshotId),
  'block-device-mapping.volume-type': (i: ImageRecord) => i.blockDevices.map((d) => d.volumeType),
};

const SNAPSHOT_FILTERS = {
  'snapshot-id': (s: SnapshotRecord) => s.snapshotId,
  'volume-id': (s: SnapshotRecord) => s.volumeId,
  status: (s: SnapshotRecord) => s.state.name,
  description: (s: SnapshotRecord) => s.description,
  'owner-id': () => SANDBOX_ACCOUNT_ID,
  'volume-size': (s: SnapshotRecord) => s.volumeSize,
};

const IMAGES: Listing<ImageRecord> = { kind: IMAGE, records: (region) => region.images, filters: IMAGE_FILTERS, idOf: (i) => i.imageId };
const SNAPSHOTS: Listing<SnapshotRecord> = {
  kind: SNAPSHOT,
  records: (region) => region.snapshots,
  filters: SNAPSHOT_FILTERS,
  idOf: (s) => s.snapshotId,
};

/** Whether an image belongs to one of DescribeImages' Owners (`self`, `amazon`, an account id). */
function ownedBy(image: ImageRecord, owners: readonly string[]): boolean {
  return owners.some(
    (owner) =>
      owner === image.ownerId ||
      owner === image.ownerAlias ||
      (owner === 'self' && image.ownerId === SANDBOX_ACCOUNT_ID),
  );
}

export function imageOperations(ec2: Ec2State) {
  const DescribeImages: Handler<DescribeImagesCommandInput, DescribeImagesCommandOutput> = (input, ctx) => {
    const region = ec2.region(ctx.region);
    let matching = describeRecords(region, IMAGES, input.ImageIds, input.Filters);
    if (input.Owners?.length) matching = matching.filter((i) => ownedBy(i, input.Owners!));
    return { Images: matching.map((i) => toImage(region, i)) };
  };

  const CreateImage: Handler<CreateImageCommandInput, CreateImageCommandOutput> = (input, ctx) => {
    const region = ec2.region(ctx.region);
    if (!input.InstanceId) throw missingParameter('instanceId');
    if (!input.Name) throw missingParameter('name');
    const image = createImage(region, input.InstanceId, input.Name, input.Description, ctx.clock.now());
    applyTagSpecifications(region, input.TagSpecifications, 'image', image.imageId);
    for (const device of image.blockDevices) {
      applyTagSpecifications(region, input.TagSpecifications, 'snapshot', device.snapshotId);
    }
    return { ImageId: image.imageId };
  };

  const DeregisterImage: Handler<DeregisterImageCommandInput, DeregisterImageCommandOutput> = (input, ctx) => {
    const region = ec2.region(ctx.region);
    if (!input.ImageId) throw missingParameter('imageId');
    const image = lookup(IMAGE, region.images, input.ImageId);
    if (image.ownerId !== SANDBOX_ACCOUNT_ID) throw new AwsError('AuthFailure', `Not authorized for image:${image.imageId}`);
    delete region.images[image.imageId];
    forgetTags(region, image.imageId);
    return { Return: true };
  };

  const DescribeSnapshots: Handler<DescribeSnapshotsCommandInput, DescribeSnapshotsCommandOutput> = (input, ctx) => {
    const region = ec2.region(ctx.region);
    const matching = describeRecords(region, SNAPSHOTS, input.SnapshotIds, input.Filters);
    return { Snapshots: matching.map((s) => toSnapshot(region, s)) };
  };

  const DeleteSnapshot: Handler<DeleteSnapshotCommandInput, DeleteSnapshotCommandOutput> = (input, ctx) => {
    const region = ec2.region(ctx.region);
    if (!input.SnapshotId) throw missingParameter('snapshotId');
    const snapshot = lookup(SNAPSHOT, region.snapshots, input.SnapshotId);
    const user = Object.values(region.images).find((i) => i.blockDevices.some((d) => d.snapshotId === snapshot.snapshotId));
    if (user) {
      throw new AwsError('InvalidSnapshot.InUse', `The snapshot ${snapshot.snapshotId} is currently in use by ${user.imageId}`);
    }
    delete region.snapshots[snapshot.snapshotId];
    forgetTags(region, snapshot.snapshotId);
    return {};
  };

  return { DescribeImages, CreateImage, DeregisterImage, DescribeSnapshots, DeleteSnapshot };
}
