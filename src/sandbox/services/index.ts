/** Every service the sandbox serves, each a fresh instance with fresh state. */
import type { SandboxService } from '../service.js';
import { dynamodbService } from './dynamodb/index.js';
import { ec2Service } from './ec2/index.js';
import { iamService } from './iam/index.js';
import { s3Service } from './s3/index.js';
import { snsService } from './sns/index.js';
import { stsService } from './sts/index.js';

export function allServices(): SandboxService[] {
  return [ec2Service(), s3Service(), snsService(), iamService(), stsService(), dynamodbService()];
}
