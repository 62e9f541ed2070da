/** Launch templates: named, versioned RunInstances parameters with a default version. */
import type {
  CreateLaunchTemplateCommandInput,
  CreateLaunchTemplateCommandOutput,
  CreateLaunchTemplateVersionCommandInput,
  CreateLaunchTemplateVersionCommandOutput,
  DeleteLaunchTemplateCommandInput,
  DeleteLaunchTemplateCommandOutput,
  DescribeLaunchTemplatesCommandInput,
  DescribeLaunchTemplatesCommandOutput,
  DescribeLaunchTemplateVersionsCommandInput,
  DescribeLaunchTemplateVersionsCommandOutput,
  LaunchTemplate,
  LaunchTemplateVersion,
  ModifyLaunchTemplateCommandInput,
  ModifyLaunchTemplateCommandOutput,
  ResponseLaunchTemplateData,
} from '@aws-sdk/client-ec2';
import { SANDBOX_ACCOUNT_ID } from '../../constants.js';
import { AwsError, missingParameter } from '../../errors.js';
import { resourceId } from '../../ids.js';
import type { Handler } from '../../service.js';
import { checkIdShape, LAUNCH_TEMPLATE, lookup } from './errors.js';
import { applyFilters } from './filters.js';
import type { LaunchTemplateRecord, LaunchTemplateVersionRecord, RegionState } from './records.js';
import type { Ec2State } from './state.js';
import { applyTagSpecifications, forgetTags, tagList, tagsOf } from './tags.js';

const CREATED_BY = `arn:aws:iam::${SANDBOX_ACCOUNT_ID}:root`;

/** How a call names a template: by id or by name, never both. */
export interface TemplateReference {
  LaunchTemplateId?: string;
  LaunchTemplateName?: string;
}

export function findLaunchTemplate(region: RegionState, reference: TemplateReference): LaunchTemplateRecord {
  if (reference.LaunchTemplateId && reference.LaunchTemplateName) {
    throw new AwsError(
      'InvalidParameterCombination',
      'Only one of launchTemplateId or launchTemplateName can be specified.',
    );
  }
  if (reference.LaunchTemplateId) return lookup(LAUNCH_TEMPLATE, region.launchTemplates, reference.LaunchTemplateId);
  if (!reference.LaunchTemplateName) throw missingParameter('launchTemplateId or launchTemplateName');
  const template = Object.values(region.launchTemplates).find((t) => t.launchTemplateName === reference.LaunchTemplateName);
  if (!template) {
    throw new AwsError(
      'InvalidLaunchTemplateName.NotFoundException',
      `The specified launch template, with template name ${reference.LaunchTemplateName}, does not exist.`,
    );
  }
  return template;
}

/** `$Latest`, `$Default`, or a version number, as RunInstances and DescribeLaunchTemplateVersions take them. */
export function findVersion(template: LaunchTemplateRecord, version: string | undefined): LaunchTemplateVersionRecord {
  const number =
    version === undefined || version === '$Default'
      ? template.defaultVersionNumber
      : version === '$Latest'
        ? latestVersionNumber(template)
        : Number(version);
  const found = template.versions.find((v) => v.versionNumber === number);
  if (!found) {
    throw new AwsError(
      'InvalidLaunchTemplateId.VersionNotFound',
      `Could not find launch template version ${version} for launch template ${template.launchTemplateId}`,
    );
  }
  return found;
}

const latestVersionNumber = (template: LaunchTemplateRecord) => Math.max(...template.versions.map((v) => v.versionNumber));

function toLaunchTemplate(region: RegionState, template: LaunchTemplateRecord): LaunchTemplate {
  return {
    LaunchTemplateId: template.launchTemplateId,
    LaunchTemplateName: template.launchTemplateName,
    CreateTime: new Date(template.createTime),
    CreatedBy: CREATED_BY,
    DefaultVersionNumber: template.defaultVersionNumber,
    LatestVersionNumber: latestVersionNumber(template),
    Tags: tagList(region, template.launchTemplateId),
  };
}

function toLaunchTemplateVersion(template: LaunchTemplateRecord, version: LaunchTemplateVersionRecord): LaunchTemplateVersion {
  return {
    LaunchTemplateId: template.launchTemplateId,
    LaunchTemplateName: template.launchTemplateName,
    VersionNumber: version.versionNumber,
    VersionDescription: version.versionDescription,
    CreateTime: new Date(version.createTime),
    CreatedBy: CREATED_BY,
    DefaultVersion: version.versionNumber === template.defaultVersionNumber,
    // The request and response shapes of template data carry the same members.
    LaunchTemplateData: structuredClone(version.data) as ResponseLaunchTemplateData,
  };
}

const LAUNCH_TEMPLATE_FILTERS = {
  'launch-template-name': (t: LaunchTemplateRecord) => t.launchTemplateName,
  'launch-template-id': (t: LaunchTemplateRecord) => t.launchTemplateId,
  'create-time': (t: LaunchTemplateRecord) => new Date(t.createTime).toISOString(),
};

export function launchTemplateOperations(ec2: Ec2State) {
  const CreateLaunchTemplate: Handler<CreateLaunchTemplateCommandInput, CreateLaunchTemplateCommandOutput> = (
    input,
    ctx,
  ) => {
    const region = ec2.region(ctx.region);
    if (!input.LaunchTemplateName) throw missingParameter('launchTemplateName');
    if (!input.LaunchTemplateData) throw missingParameter('launchTemplateData');
    if (Object.values(region.launchTemplates).some((t) => t.launchTemplateName === input.LaunchTemplateName)) {
      throw new AwsError('InvalidLaunchTemplateName.AlreadyExistsException', 'Launch template name already in use.');
    }
    const now = ctx.clock.now();
    const template: LaunchTemplateRecord = {
      launchTemplateId: resourceId('lt'),
      launchTemplateName: input.LaunchTemplateName,
      createTime: now,
      defaultVersionNumber: 1,
      versions: [
        {
          versionNumber: 1,
          ...(input.VersionDescription !== undefined ? { versionDescription: input.VersionDescription } : {}),
          createTime: now,
          data: structuredClone(input.LaunchTemplateData),
        },
      ],
    };
    region.launchTemplates[template.launchTemplateId] = template;
    applyTagSpecifications(region, input.TagSpecifications, 'launch-template', template.launchTemplateId);
    return { LaunchTemplate: toLaunchTemplate(region, template) };
  };

  const CreateLaunchTemplateVersion: Handler<
    CreateLaunchTemplateVersionCommandInput,
    CreateLaunchTemplateVersionCommandOutput
  > = (input, ctx) => {
    const region = ec2.region(ctx.region);
    if (!input.LaunchTemplateData) throw missingParameter('launchTemplateData');
    const template = findLaunchTemplate(region, input);
    // A version made from a source version keeps what it does not override.
    const base = input.SourceVersion !== undefined ? findVersion(template, input.SourceVersion).data : {};
    const version: LaunchTemplateVersionRecord = {
      versionNumber: latestVersionNumber(template) + 1,
      ...(input.VersionDescription !== undefined ? { versionDescription: input.VersionDescription } : {}),
      createTime: ctx.clock.now(),
      data: structuredClone({ ...base, ...input.LaunchTemplateData }),
    };
    template.versions.push(version);
    return { LaunchTemplateVersion: toLaunchTemplateVersion(template, version) };
  };

  const DescribeLaunchTemplates: Handler<DescribeLaunchTemplatesCommandInput, DescribeLaunchTemplatesCommandOutput> = (
    input,
    ctx,
  ) => {
    const region = ec2.region(ctx.region);
    let templates = Object.values(region.launchTemplates);
    if (input.LaunchTemplateIds?.length) {
      input.LaunchTemplateIds.forEach((id) => checkIdShape(LAUNCH_TEMPLATE, id));
      templates = templates.filter((t) => input.LaunchTemplateIds!.includes(t.launchTemplateId));
      if (templates.length < input.LaunchTemplateIds.length) {
        throw new AwsError(
          'InvalidLaunchTemplateId.NotFound',
          'At least one of the launch templates specified in the request does not exist.',
        );
      }
    }
    if (input.LaunchTemplateNames?.length) {
      templates = templates.filter((t) => input.LaunchTemplateNames!.includes(t.launchTemplateName));
      if (templates.length < input.LaunchTemplateNames.length) {
        throw new AwsError(
          'InvalidLaunchTemplateName.NotFoundException',
          'At least one of the launch templates specified in the request does not exist.',
        );
      }
    }
    const matching = applyFilters(templates, input.Filters, LAUNCH_TEMPLATE_FILTERS, (t) =>
      tagsOf(region, t.launchTemplateId),
    );
    return { LaunchTemplates: matching.map((t) => toLaunchTemplate(region, t)) };
  };

  const DescribeLaunchTemplateVersions: Handler<
    DescribeLaunchTemplateVersionsCommandInput,
    DescribeLaunchTemplateVersionsCommandOutput
  > = (input, ctx) => {
    const template = findLaunchTemplate(ec2.region(ctx.region), input);
    let versions = input.Versions?.length
      ? input.Versions.map((v) => findVersion(template, v))
      : [...template.versions].sort((a, b) => b.versionNumber - a.versionNumber);
    if (input.MinVersion !== undefined) versions = versions.filter((v) => v.versionNumber >= Number(input.MinVersion));
    if (input.MaxVersion !== undefined) versions = versions.filter((v) => v.versionNumber <= Number(input.MaxVersion));
    return { LaunchTemplateVersions: versions.map((v) => toLaunchTemplateVersion(template, v)) };
  };

  const ModifyLaunchTemplate: Handler<ModifyLaunchTemplateCommandInput, ModifyLaunchTemplateCommandOutput> = (
    input,
    ctx,
  ) => {
    const region = ec2.region(ctx.region);
    const template = findLaunchTemplate(region, input);
    if (input.DefaultVersion !== undefined) {
      template.defaultVersionNumber = findVersion(template, input.DefaultVersion).versionNumber;
    }
    return { LaunchTemplate: toLaunchTemplate(region, template) };
  };

  const DeleteLaunchTemplate: Handler<DeleteLaunchTemplateCommandInput, DeleteLaunchTemplateCommandOutput> = (
    input,
    ctx,
  ) => {
    const region = ec2.region(ctx.region);
    const template = findLaunchTemplate(region, input);
    const output = toLaunchTemplate(region, template);
    delete region.launchTemplates[template.launchTemplateId];
    forgetTags(region, template.launchTemplateId);
    return { LaunchTemplate: output };
  };

  return {
    CreateLaunchTemplate,
    CreateLaunchTemplateVersion,
    DescribeLaunchTemplates,
    DescribeLaunchTemplateVersions,
    ModifyLaunchTemplate,
    DeleteLaunchTemplate,
  };
}
