/**
 * What a codec needs to know about a service beyond one operation, read once from its SDK
 * client module: the XML namespace, the JSON target prefix, whether its JSON is
 * query-compatible, and its error schemas by shape name and by `awsQueryError` code.
 */
import { NormalizedSchema } from '@smithy/core/schema';
import type { OperationSchema } from './codec.js';

export interface ErrorShape {
  /** The shape name, `CacheClusterNotFoundFault`: JSON's `__type`. */
  name: string;
  /** The query wire code and status (`CacheClusterNotFound`, 404), from `awsQueryError`. */
  queryCode?: string;
  queryStatus?: number;
  /** The status the schema gives the error (`httpError`). */
  status?: number;
}

export interface ServiceModel {
  xmlNamespace?: string;
  /** The JSON target prefix, `DynamoDB_20120810`. */
  serviceTarget?: string;
  awsQueryCompatible: boolean;
  operation(name: string): OperationSchema | undefined;
  errorShape(code: string): ErrorShape | undefined;
}

interface ProtocolSettings {
  xmlNamespace?: string;
  serviceTarget?: string;
  awsQueryCompatible?: boolean;
}

type ClientClass = new (config: object) => { config: { protocolSettings?: ProtocolSettings }; destroy(): void };

const models = new WeakMap<object, ServiceModel>();

export function serviceModel(client: Record<string, unknown>): ServiceModel {
  let model = models.get(client);
  if (model === undefined) {
    model = readModel(client);
    models.set(client, model);
  }
  return model;
}

function readModel(client: Record<string, unknown>): ServiceModel {
  const settings = protocolSettings(client);
  const errors = new Map<string, ErrorShape>();
  for (const [exportName, value] of Object.entries(client)) {
    if (!exportName.endsWith('$') || !Array.isArray(value) || value[0] !== -3) continue;
    const traits = NormalizedSchema.of(value as Parameters<typeof NormalizedSchema.of>[0]).getMergedTraits() as { awsQueryError?: [string, number]; httpError?: number };
    const shape: ErrorShape = { name: String(value[2]) };
    if (traits.awsQueryError) [shape.queryCode, shape.queryStatus] = traits.awsQueryError;
    if (typeof traits.httpError === 'number') shape.status = traits.httpError;
    errors.set(shape.name, shape);
    if (shape.queryCode !== undefined && !errors.has(shape.queryCode)) errors.set(shape.queryCode, shape);
  }
  return {
    ...(settings.xmlNamespace === undefined ? {} : { xmlNamespace: settings.xmlNamespace }),
    ...(settings.serviceTarget === undefined ? {} : { serviceTarget: settings.serviceTarget }),
    awsQueryCompatible: settings.awsQueryCompatible === true,
    operation: (name) => {
      const schema = Object.hasOwn(client, `${name}$`) ? client[`${name}$`] : undefined;
      return Array.isArray(schema) && schema[0] === 9 ? schema : undefined;
    },
    errorShape: (code) => errors.get(code),
  };
}

/**
 * The client keeps its protocol settings in its resolved config only, so one client is
 * built (no request is sent) and destroyed.
 */
function protocolSettings(client: Record<string, unknown>): ProtocolSettings {
  const name = Object.keys(client).find((key) => key.endsWith('Client') && key !== '__Client' && typeof client[key] === 'function');
  if (name === undefined) return {};
  const instance = new (client[name] as ClientClass)({ region: 'us-east-1', credentials: { accessKeyId: 'sandbox', secretAccessKey: 'sandbox' } });
  const settings = instance.config.protocolSettings ?? {};
  instance.destroy();
  return settings;
}
