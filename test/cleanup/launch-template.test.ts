/**
 * `ec2:launch-template` against the sandbox: a create through `ctx.call` is tagged and
 * recorded, `lab cleanup` deletes it, an interrupted create is found by its run's tag, and
 * `--scan` finds templates by lab's tags and no others.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { CreateLaunchTemplateCommand, DescribeLaunchTemplatesCommand, DescribeLaunchTemplateVersionsCommand, type CreateLaunchTemplateCommandInput } from '@aws-sdk/client-ec2';
import { typeCreatedBy } from '../../src/cleanup/registry.js';
import { launchTemplate } from '../../src/cleanup/types/ec2.js';
import { labTags } from '../../src/runner/step-context.js';
import { cleanupTarget, type CleanupTarget } from './cleanup-target.js';

let target: CleanupTarget;

before(async () => {
  target = await cleanupTarget('launch-template');
});

after(() => target.stop());

function template(LaunchTemplateName: string, tags?: { Key: string; Value: string }[]): CreateLaunchTemplateCommand {
  const input: CreateLaunchTemplateCommandInput = {
    LaunchTemplateName,
    LaunchTemplateData: { ImageId: 'ami-0abcdef1234567890', InstanceType: 't3.micro', TagSpecifications: [{ ResourceType: 'instance', Tags: [{ Key: 'Name', Value: 'web' }] }] },
    ...(tags ? { TagSpecifications: [{ ResourceType: 'launch-template', Tags: tags }] } : {}),
  };
  return new CreateLaunchTemplateCommand(input);
}

async function templateNames(): Promise<string[]> {
  const out = await target.clients.send<{ LaunchTemplates?: { LaunchTemplateName?: string }[] }>(new DescribeLaunchTemplatesCommand({}));
  return (out.LaunchTemplates ?? []).map((item) => String(item.LaunchTemplateName)).sort();
}

test('CreateLaunchTemplate is what makes an ec2:launch-template', () => {
  assert.equal(typeCreatedBy('com.amazonaws.ec2', 'CreateLaunchTemplate'), launchTemplate);
});

test('a template made through ctx.call carries the run tags and is in the ledger; lab cleanup deletes it', async () => {
  const made = await target.step('week4-mon', 'run-1', 'launch-template').call(template('fcj-web'));
  const id = made.LaunchTemplate!.LaunchTemplateId!;
  const described = await target.clients.send<{ LaunchTemplates: { Tags: { Key: string; Value: string }[] }[] }>(new DescribeLaunchTemplatesCommand({ LaunchTemplateIds: [id] }));
  assert.deepEqual(described.LaunchTemplates[0]!.Tags.find((tag) => tag.Key === 'lab:run'), { Key: 'lab:run', Value: 'run-1' });
  // The run's tags go on the template; the tags it gives the instances it launches are the step's own.
  const versions = await target.clients.send<{ LaunchTemplateVersions: { LaunchTemplateData: { TagSpecifications: unknown } }[] }>(
    new DescribeLaunchTemplateVersionsCommand({ LaunchTemplateId: id }),
  );
  assert.deepEqual(versions.LaunchTemplateVersions[0]!.LaunchTemplateData.TagSpecifications, [{ ResourceType: 'instance', Tags: [{ Key: 'Name', Value: 'web' }] }]);
  const [record] = (await target.ledger.read()).resources;
  assert.equal(record!.type, 'ec2:launch-template');
  assert.equal(record!.status, 'created');
  assert.equal(record!.resourceId, id);
  assert.match(String(record!.clientToken), /^[\w-]{36}$/);

  const outcomes = await target.cleanup();
  assert.deepEqual(outcomes.map((outcome) => [outcome.record.resourceId, outcome.status]), [[id, 'deleted']]);
  assert.deepEqual(await templateNames(), []);
});

test('deleting a template that is already gone counts as done', async () => {
  await launchTemplate.delete(recordOf('lt-0123456789abcdef0'), target.clients, { pollMs: 10, timeoutMs: 1000 });
});

test('an interrupted create is found by its run tag and deleted; a template without that tag is left', async () => {
  const intent = await target.ledger.recordIntent({ type: 'ec2:launch-template', lab: 'week4-mon', run: 'a-killed-run', step: 'launch-template' });
  // The process died after the call reached EC2: only the intent was written.
  await target.clients.send(template('fcj-web-killed', [{ Key: 'lab:run', Value: 'a-killed-run' }]));
  await target.clients.send(template('learners-own', [{ Key: 'lab:run', Value: 'another-run' }]));

  const outcomes = await target.cleanup();
  assert.deepEqual(outcomes.map((outcome) => [outcome.record.id, outcome.status]), [[intent.id, 'deleted']]);
  assert.deepEqual(await templateNames(), ['learners-own']);
});

test('--scan finds templates carrying lab tags, and not the learner\'s', async () => {
  const made = await target.clients.send<{ LaunchTemplate: { LaunchTemplateId: string } }>(template('tagged', labTags('week4-mon')));
  const found = await launchTemplate.scan!(target.clients, labTags('week4-mon'));
  assert.deepEqual(found, [{ resourceId: made.LaunchTemplate.LaunchTemplateId }]);
});

function recordOf(resourceId: string) {
  return { id: 'r', type: 'ec2:launch-template', lab: 'l', run: 'r', step: 's', status: 'created' as const, resourceId, createdAt: '', updatedAt: '' };
}
