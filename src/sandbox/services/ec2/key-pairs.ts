/**
 * Key pairs. CreateKeyPair makes a real key (node:crypto) and hands the private half back
 * once, as AWS does; ImportKeyPair takes an OpenSSH public key. Fingerprints follow AWS:
 * SHA-1 of the PKCS#8 private key for keys it made, MD5 of the public key for imported RSA
 * keys, SHA-256 (base64) for ed25519.
 */
import type {
  CreateKeyPairCommandInput,
  CreateKeyPairCommandOutput,
  DeleteKeyPairCommandInput,
  DeleteKeyPairCommandOutput,
  DescribeKeyPairsCommandInput,
  DescribeKeyPairsCommandOutput,
  ImportKeyPairCommandInput,
  ImportKeyPairCommandOutput,
  KeyPairInfo,
} from '@aws-sdk/client-ec2';
import { createHash, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { AwsError, missingParameter } from '../../errors.js';
import { resourceId } from '../../ids.js';
import type { Handler } from '../../service.js';
import { applyFilters } from './filters.js';
import type { KeyPairRecord, RegionState } from './records.js';
import type { Ec2State } from './state.js';
import { applyTagSpecifications, forgetTags, tagList, tagsOf } from './tags.js';

const colonHex = (digest: Buffer) => digest.toString('hex').match(/../g)!.join(':');

/** The OpenSSH `ssh-rsa AAAA...` / `ssh-ed25519 AAAA...` line for a public key. */
function openSshLine(key: KeyObject): string {
  const field = (data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    return Buffer.concat([length, data]);
  };
  // An mpint is big-endian with a leading zero byte when the top bit is set.
  const mpint = (base64url: string) => {
    const bytes = Buffer.from(base64url, 'base64url');
    return field(bytes[0]! & 0x80 ? Buffer.concat([Buffer.from([0]), bytes]) : bytes);
  };
  const jwk = key.export({ format: 'jwk' });
  const type = jwk.kty === 'RSA' ? 'ssh-rsa' : 'ssh-ed25519';
  const blob =
    jwk.kty === 'RSA'
      ? Buffer.concat([field(Buffer.from(type)), mpint(jwk.e!), mpint(jwk.n!)])
      : Buffer.concat([field(Buffer.from(type)), field(Buffer.from(jwk.x!, 'base64url'))]);
  return `${type} ${blob.toString('base64')}`;
}

/** Reads `ssh-rsa AAAA... comment` (or a PEM public key) into a KeyObject. */
function parsePublicKey(material: string): KeyObject | undefined {
  const [type, base64] = material.trim().split(/\s+/);
  try {
    if (type === 'ssh-rsa' || type === 'ssh-ed25519') {
      const blob = Buffer.from(base64 ?? '', 'base64');
      const fields: Buffer[] = [];
      for (let at = 0; at < blob.length; ) {
        const length = blob.readUInt32BE(at);
        fields.push(blob.subarray(at + 4, at + 4 + length));
        at += 4 + length;
      }
      if (fields[0]?.toString() !== type) return undefined;
      const jwk =
        type === 'ssh-rsa'
          ? { kty: 'RSA', e: fields[1]!.toString('base64url'), n: stripZero(fields[2]!).toString('base64url') }
          : { kty: 'OKP', crv: 'Ed25519', x: fields[1]!.toString('base64url') };
      return createPublicKey({ key: jwk, format: 'jwk' });
    }
    return createPublicKey(material);
  } catch {
    return undefined;
  }
}

const stripZero = (bytes: Buffer) => (bytes[0] === 0 ? bytes.subarray(1) : bytes);

function checkNewName(region: RegionState, keyName: string | undefined): string {
  if (!keyName) throw missingParameter('keyName');
  if (Object.hasOwn(region.keyPairs, keyName)) {
    throw new AwsError('InvalidKeyPair.Duplicate', `The keypair '${keyName}' already exists.`);
  }
  return keyName;
}

function addKeyPair(region: RegionState, record: Omit<KeyPairRecord, 'keyPairId'>): KeyPairRecord {
  const keyPair = { keyPairId: resourceId('key'), ...record };
  region.keyPairs[keyPair.keyName] = keyPair;
  return keyPair;
}

function toKeyPairInfo(region: RegionState, key: KeyPairRecord, includePublicKey: boolean): KeyPairInfo {
  return {
    KeyPairId: key.keyPairId,
    KeyType: key.keyType,
    Tags: tagList(region, key.keyPairId) ?? [],
    CreateTime: new Date(key.createTime),
    KeyName: key.keyName,
    KeyFingerprint: key.keyFingerprint,
    PublicKey: includePublicKey ? `${key.publicKey} ${key.keyName}` : undefined,
  };
}

const KEY_PAIR_FILTERS = {
  'key-name': (k: KeyPairRecord) => k.keyName,
  'key-pair-id': (k: KeyPairRecord) => k.keyPairId,
  fingerprint: (k: KeyPairRecord) => k.keyFingerprint,
  'key-type': (k: KeyPairRecord) => k.keyType,
};

export function keyPairOperations(ec2: Ec2State) {
  const CreateKeyPair: Handler<CreateKeyPairCommandInput, CreateKeyPairCommandOutput> = (input, ctx) => {
    const region = ec2.region(ctx.region);
    const keyName = checkNewName(region, input.KeyName);
    const keyType = input.KeyType ?? 'rsa';
    if (keyType !== 'rsa') {
      throw new AwsError('InvalidParameterValue', `The sandbox creates rsa key pairs only; import an ${keyType} key instead.`);
    }
    if (input.KeyFormat === 'ppk') {
      throw new AwsError('InvalidParameterValue', 'The sandbox creates key pairs in pem format only.');
    }
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const pkcs8 = privateKey.export({ type: 'pkcs8', format: 'der' });
    const keyPair = addKeyPair(region, {
      keyName,
      keyType: 'rsa',
      keyFingerprint: colonHex(createHash('sha1').update(pkcs8).digest()),
      publicKey: openSshLine(publicKey),
      createTime: ctx.clock.now(),
    });
    applyTagSpecifications(region, input.TagSpecifications, 'key-pair', keyPair.keyPairId);
    return {
      KeyPairId: keyPair.keyPairId,
      KeyName: keyName,
      KeyFingerprint: keyPair.keyFingerprint,
      KeyMaterial: (privateKey.export({ type: 'pkcs1', format: 'pem' }) as string).trimEnd(),
      Tags: tagList(region, keyPair.keyPairId),
    };
  };

  const ImportKeyPair: Handler<ImportKeyPairCommandInput, ImportKeyPairCommandOutput> = (input, ctx) => {
    const region = ec2.region(ctx.region);
    const keyName = checkNewName(region, input.KeyName);
    if (!input.PublicKeyMaterial) throw missingParameter('publicKeyMaterial');
    const key = parsePublicKey(Buffer.from(input.PublicKeyMaterial).toString('utf8'));
    const keyType = key?.asymmetricKeyType === 'rsa' ? 'rsa' : key?.asymmetricKeyType === 'ed25519' ? 'ed25519' : undefined;
    if (!key || !keyType) throw new AwsError('InvalidKey.Format', 'Key is not in valid OpenSSH public key format');
    const publicKey = openSshLine(key);
    const keyFingerprint =
      keyType === 'rsa'
        ? colonHex(createHash('md5').update(key.export({ type: 'spki', format: 'der' })).digest())
        : createHash('sha256').update(Buffer.from(publicKey.split(' ')[1]!, 'base64')).digest('base64').replace(/=+$/, '');
    const keyPair = addKeyPair(region, { keyName, keyType, keyFingerprint, publicKey, createTime: ctx.clock.now() });
    applyTagSpecifications(region, input.TagSpecifications, 'key-pair', keyPair.keyPairId);
    return {
      KeyPairId: keyPair.keyPairId,
      KeyName: keyName,
      KeyFingerprint: keyFingerprint,
      Tags: tagList(region, keyPair.keyPairId),
    };
  };

  const DescribeKeyPairs: Handler<DescribeKeyPairsCommandInput, DescribeKeyPairsCommandOutput> = (input, ctx) => {
    const region = ec2.region(ctx.region);
    let keys = Object.values(region.keyPairs);
    for (const name of input.KeyNames ?? []) {
      if (!Object.hasOwn(region.keyPairs, name)) {
        throw new AwsError('InvalidKeyPair.NotFound', `The key pair '${name}' does not exist`);
      }
    }
    for (const id of input.KeyPairIds ?? []) {
      if (!keys.some((k) => k.keyPairId === id)) {
        throw new AwsError('InvalidKeyPair.NotFound', `The key pair '${id}' does not exist`);
      }
    }
    if (input.KeyNames?.length) keys = keys.filter((k) => input.KeyNames!.includes(k.keyName));
    if (input.KeyPairIds?.length) keys = keys.filter((k) => input.KeyPairIds!.includes(k.keyPairId));
    const matching = applyFilters(keys, input.Filters, KEY_PAIR_FILTERS, (k) => tagsOf(region, k.keyPairId));
    return { KeyPairs: matching.map((k) => toKeyPairInfo(region, k, input.IncludePublicKey === true)) };
  };

  /** Deleting a key pair that is not there succeeds, as on AWS: the call is idempotent. */
  const DeleteKeyPair: Handler<DeleteKeyPairCommandInput, DeleteKeyPairCommandOutput> = (input, ctx) => {
    const region = ec2.region(ctx.region);
    if (!input.KeyName && !input.KeyPairId) throw missingParameter('keyName');
    const key = Object.values(region.keyPairs).find(
      (k) => k.keyName === input.KeyName || k.keyPairId === input.KeyPairId,
    );
    if (!key) return { Return: true };
    delete region.keyPairs[key.keyName];
    forgetTags(region, key.keyPairId);
    return { Return: true, KeyPairId: key.keyPairId };
  };

  return { CreateKeyPair, ImportKeyPair, DescribeKeyPairs, DeleteKeyPair };
}
