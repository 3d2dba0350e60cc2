import { describe, expect, it } from 'vitest';
import { jsonSchemaOf, SPEC_KINDS, type SpecKind } from '../../src/cli/spec-kinds.js';
import { describeJsonSchema, SCHEMA_DESCRIPTIONS, schemaPropertyPaths } from '../../src/scenario/schema-descriptions.js';

const KINDS = Object.keys(SPEC_KINDS) as SpecKind[];

/**
 * Every property anywhere in a JSON Schema (under any `properties`, in variants, items, records
 * and definitions alike), by a JSON-pointer-like location, that has no non-empty description.
 * Walks the raw JSON, independently of how the descriptions were attached.
 */
function undescribed(node: unknown, at = ''): string[] {
  if (!node || typeof node !== 'object') return [];
  if (Array.isArray(node)) return node.flatMap((child, i) => undescribed(child, `${at}/${i}`));
  const out: string[] = [];
  const record = node as Record<string, unknown>;
  const properties = record['properties'];
  if (properties && typeof properties === 'object' && !Array.isArray(properties)) {
    for (const [name, child] of Object.entries(properties as Record<string, { description?: unknown }>)) {
      if (typeof child.description !== 'string' || child.description.trim() === '') out.push(`${at}/properties/${name}`);
    }
  }
  for (const [key, child] of Object.entries(record)) out.push(...undescribed(child, `${at}/${key}`));
  return out;
}

describe('JSON Schemas: a description on every field, so editor hovers say what it means', () => {
  it.each(KINDS)('%s: every property, however deep, has a description, and so has the schema', (kind) => {
    const schema = JSON.parse(jsonSchemaOf(kind));
    expect(undescribed(schema)).toEqual([]);
    expect(schema.description).toMatch(/^An? .+\.$/);
  });

  it('the check fails on a field without one (a field added to a spec but not described)', () => {
    const schema = JSON.parse(jsonSchemaOf('host-model'));
    schema.properties.power.oneOf[0].properties.newField = { type: 'number' };
    expect(undescribed(schema)).toEqual(['/properties/power/oneOf/0/properties/newField']);
  });

  it.each(KINDS)('%s: the table describes no field the schema lacks (no stale or misspelt path)', (kind) => {
    const paths = schemaPropertyPaths(JSON.parse(jsonSchemaOf(kind)));
    expect(Object.keys(SCHEMA_DESCRIPTIONS[kind]!).filter((path) => !paths.has(path))).toEqual([]);
  });

  it('describes fields inside variants, arrays and nested objects by their dotted path', () => {
    const schema = {
      type: 'object',
      properties: {
        power: { oneOf: [{ type: 'object', properties: { kind: { const: 'linear' }, idleW: { type: 'number' } } }, { type: 'object', properties: { kind: { const: 'table' } } }] },
      },
    };
    const described = describeJsonSchema('host-model', schema) as typeof schema;
    const [linear, table] = described.properties.power.oneOf as { properties: Record<string, { description?: string }> }[];
    expect(linear!.properties['idleW']!.description).toBe(SCHEMA_DESCRIPTIONS['host-model']!['power.idleW']);
    expect(table!.properties['kind']!.description).toBe(SCHEMA_DESCRIPTIONS['host-model']!['power.kind']);
    expect(schema.properties.power.oneOf[0]!.properties).not.toHaveProperty('idleW.description'); // the input is not changed
  });
});
