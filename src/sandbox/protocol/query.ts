/**
 * The two query protocols: a form of dotted keys in, XML out. AWS query (IAM, SNS, STS,
 * Auto Scaling, ...) wraps the output in `<OpResponse><OpResult>` and answers errors as
 * `<ErrorResponse>` with the error schema's `awsQueryError` code and status; EC2 query
 * writes members straight under `<OpResponse>` with a `<requestId>` and answers errors as
 * `<Response><Errors>`, with no modelled errors at all.
 */
import type { AwsError } from '../errors.js';
import type { HttpRequest, HttpResponse, OperationSchema, ProtocolCodec } from './codec.js';
import { queryString } from './credential-scope.js';
import { formParameters, readQueryInput, type QueryDialect } from './query-input.js';
import { inputSchema, operationName, outputSchema } from './operation-schema.js';
import { serviceModel } from './service-model.js';
import { escapeXml, writeStructMembers } from './xml-writer.js';

const XML_HEADERS = { 'content-type': 'text/xml;charset=UTF-8' };

export const awsQueryCodec: ProtocolCodec = {
  name: 'awsQuery',
  operationName: actionOf,
  decodeInput: (request, operation) => readInput(request, operation, { ec2: false }),
  encodeOutput(output, operation, context) {
    const name = operationName(operation);
    const namespace = serviceModel(context.client).xmlNamespace;
    const out = [`<${name}Response${namespaceAttribute(namespace)}>`];
    const schema = outputSchema(operation);
    if (!schema.isUnitSchema()) {
      out.push(`<${name}Result>`);
      writeStructMembers(schema, output, out);
      out.push(`</${name}Result>`);
    }
    out.push(`<ResponseMetadata><RequestId>${context.requestId}</RequestId></ResponseMetadata></${name}Response>`);
    return xmlResponse(200, out);
  },
  encodeError(error, context) {
    const model = serviceModel(context.client);
    const shape = model.errorShape(error.code);
    const code = shape?.queryCode ?? error.code;
    const status = shape?.queryStatus ?? error.status;
    const out = [
      `<ErrorResponse${namespaceAttribute(model.xmlNamespace)}><Error><Type>${error.fault}</Type>`,
      `<Code>${escapeXml(code)}</Code><Message>${escapeXml(error.message)}</Message>`,
      ...fieldElements(error),
      `</Error><RequestId>${context.requestId}</RequestId></ErrorResponse>`,
    ];
    return xmlResponse(status, out);
  },
};

export const ec2QueryCodec: ProtocolCodec = {
  name: 'ec2Query',
  operationName: actionOf,
  decodeInput: (request, operation) => readInput(request, operation, { ec2: true }),
  encodeOutput(output, operation, context) {
    const name = operationName(operation);
    // EC2's own responses carry the namespace with its trailing slash; the SDK's setting lacks it.
    const namespace = serviceModel(context.client).xmlNamespace?.replace(/([^/])$/, '$1/');
    const out = [`<?xml version="1.0" encoding="UTF-8"?>\n<${name}Response${namespaceAttribute(namespace)}><requestId>${context.requestId}</requestId>`];
    writeStructMembers(outputSchema(operation), output, out);
    out.push(`</${name}Response>`);
    return xmlResponse(200, out);
  },
  encodeError(error, context) {
    const out = [
      `<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error><Code>${escapeXml(error.code)}</Code>`,
      `<Message>${escapeXml(error.message)}</Message>`,
      ...fieldElements(error),
      `</Error></Errors><RequestID>${context.requestId}</RequestID></Response>`,
    ];
    return xmlResponse(error.status, out);
  },
};

function actionOf(request: HttpRequest): string | undefined {
  return formParameters(queryString(request.url), request.body, request.headers['content-type']).get('Action') ?? undefined;
}

function readInput(request: HttpRequest, operation: OperationSchema, dialect: QueryDialect): Record<string, unknown> {
  const parameters = formParameters(queryString(request.url), request.body, request.headers['content-type']);
  return readQueryInput(inputSchema(operation), parameters, dialect);
}

function namespaceAttribute(namespace: string | undefined): string {
  return namespace === undefined ? '' : ` xmlns="${escapeXml(namespace)}"`;
}

/** Members some errors carry beside Code and Message, as plain elements; a list of structures (CloudWatch's DashboardValidationMessages) as members. */
function fieldElements(error: AwsError): string[] {
  return Object.entries(error.fields)
    .filter(([name, value]) => /^[A-Za-z][\w-]*$/.test(name) && value !== undefined && value !== null)
    .map(([name, value]) => `<${name}>${Array.isArray(value) ? value.map(memberElement).join('') : escapeXml(String(value))}</${name}>`);
}

function memberElement(value: unknown): string {
  if (typeof value !== 'object' || value === null) return `<member>${escapeXml(String(value))}</member>`;
  const fields = Object.entries(value).filter(([, v]) => v !== undefined && v !== null).map(([k, v]) => `<${k}>${escapeXml(String(v))}</${k}>`);
  return `<member>${fields.join('')}</member>`;
}

function xmlResponse(status: number, parts: string[]): HttpResponse {
  return { status, headers: { ...XML_HEADERS }, body: Buffer.from(parts.join(''), 'utf8') };
}
