/**
 * The EC2 service of the sandbox: one state, the operation handlers of each resource
 * kind, and two rules that hold for every operation: timed resources are brought up to
 * the clock before anything reads them, and `DryRun` answers DryRunOperation untouched.
 */
import { withRules } from '../../kit/operations.js';
import { keptIn } from '../../kit/saved-state.js';
import type { AnyHandler, ServiceFactory } from '../../service.js';
import { ec2Backend } from './backend.js';
import { dryRunOperation } from './errors.js';
import { imageOperations } from './images.js';
import { instanceOperations } from './instances.js';
import { internetGatewayOperations } from './internet-gateways.js';
import { keyPairOperations } from './key-pairs.js';
import { launchTemplateOperations } from './launch-templates.js';
import { networkInterfaceOperations } from './network-interfaces.js';
import { regionOperations } from './regions.js';
import { routeTableOperations } from './route-tables.js';
import { securityGroupOperations } from './security-groups.js';
import { seedRegion } from './seed.js';
import { settleRegion } from './settle.js';
import { Ec2State } from './state.js';
import { subnetOperations } from './subnets.js';
import { tagOperations } from './tags.js';
import { vpcOperations } from './vpcs.js';

export const ec2Service: ServiceFactory = () => {
  const state = new Ec2State(seedRegion);
  const handlers: Record<string, AnyHandler> = {
    ...vpcOperations(state),
    ...subnetOperations(state),
    ...internetGatewayOperations(state),
    ...routeTableOperations(state),
    ...securityGroupOperations(state),
    ...keyPairOperations(state),
    ...imageOperations(state),
    ...instanceOperations(state),
    ...networkInterfaceOperations(state),
    ...launchTemplateOperations(state),
    ...tagOperations(state),
    ...regionOperations(state),
  };
  const operations = withRules(
    handlers,
    // AWS checks the caller may act, never the resources, before answering a dry run.
    (input) => {
      if (input.DryRun) throw dryRunOperation();
    },
    (_input, ctx) => settleRegion(state.region(ctx.region), ctx.clock),
  );
  return {
    operations,
    backend: ec2Backend(state),
    ...keptIn(state),
  };
};
