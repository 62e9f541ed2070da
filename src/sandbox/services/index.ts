/** Every service the sandbox serves, each a fresh instance with fresh state. */
import type { SandboxService } from '../service.js';
import { dynamodbServices } from './dynamodb/index.js';
import { ec2Service } from './ec2/index.js';
import { elasticacheService } from './elasticache/index.js';
import { iamService } from './iam/index.js';
import { s3Service } from './s3/index.js';
import { snsService } from './sns/index.js';
import { stsService } from './sts/index.js';

export function allServices(): SandboxService[] {
  const ec2 = ec2Service();
  return [ec2, s3Service(), snsService(), iamService(), stsService(), ...dynamodbServices(), elasticacheService(ec2)];
}
