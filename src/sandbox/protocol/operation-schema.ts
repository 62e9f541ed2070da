/** The parts of an SDK operation schema tuple, `[9, namespace, name, traits, input, output]`. */
import { NormalizedSchema } from '@smithy/core/schema';
import type { OperationSchema } from './codec.js';

type SchemaRef = Parameters<typeof NormalizedSchema.of>[0];

export function inputSchema(operation: OperationSchema): NormalizedSchema {
  return NormalizedSchema.of((operation as unknown[])[4] as SchemaRef);
}

export function outputSchema(operation: OperationSchema): NormalizedSchema {
  return NormalizedSchema.of((operation as unknown[])[5] as SchemaRef);
}

export function operationName(operation: OperationSchema): string {
  return String((operation as unknown[])[2]);
}
