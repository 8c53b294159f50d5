/** The EMF checks shared by the render and end-to-end tests: the specification's schema and its reference rules. */
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';

const schema: object = JSON.parse(readFileSync(new URL('../render/emf-schema.json', import.meta.url), 'utf8'));
export const validateEmf = new Ajv({ allErrors: true, strict: true }).compile(schema);

/** A dimension names a string member of the root; a metric a number (or up to 100 numbers). */
export function emfReferenceErrors(doc: Record<string, unknown>): string[] {
  const errors: string[] = [];
  const directives = (doc['_aws'] as { CloudWatchMetrics: { Dimensions: string[][]; Metrics: { Name: string }[] }[] }).CloudWatchMetrics;
  for (const d of directives) {
    for (const key of d.Dimensions.flat()) if (typeof doc[key] !== 'string') errors.push(`dimension ${key} is not a string member of the root`);
    for (const { Name } of d.Metrics) {
      const v = doc[Name];
      const ok = typeof v === 'number' || (Array.isArray(v) && v.length <= 100 && v.every((n) => typeof n === 'number'));
      if (!ok) errors.push(`metric ${Name} is not a number member of the root`);
    }
  }
  return errors;
}

/** Every error of the line as EMF (schema, then references); [] when valid. */
export function emfErrors(doc: Record<string, unknown>): string[] {
  if (!validateEmf(doc)) return (validateEmf.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`);
  return emfReferenceErrors(doc);
}
