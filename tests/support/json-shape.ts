/**
 * A JSON Schema (draft 2020-12) that accepts exactly the shape of the sample values: every object
 * closed (`additionalProperties: false`) with the keys seen in all samples required, arrays typed
 * by the merge of their items. Recorded from real responses and committed, it makes any change of
 * shape (a new field above all) fail until someone looks at it and records it again.
 */
export type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: false;
  items?: JsonSchema;
};

export function inferSchema(value: unknown): JsonSchema {
  if (value === null) return { type: 'null' };
  if (Array.isArray(value)) {
    const items = value.map(inferSchema);
    return items.length === 0 ? { type: 'array' } : { type: 'array', items: items.reduce(mergeSchemas) };
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    return {
      type: 'object',
      properties: Object.fromEntries(entries.map(([key, inner]) => [key, inferSchema(inner)])),
      required: entries.map(([key]) => key).sort(),
      additionalProperties: false,
    };
  }
  return { type: typeof value === 'number' ? 'number' : typeof value };
}

/** A schema accepting what either accepts: types joined, object keys united (required where both require). */
export function mergeSchemas(left: JsonSchema, right: JsonSchema): JsonSchema {
  const types = [...new Set([...typesOf(left), ...typesOf(right)])].sort();
  const merged: JsonSchema = { type: types.length === 1 ? types[0]! : types };
  if (left.properties || right.properties) {
    const keys = [...new Set([...Object.keys(left.properties ?? {}), ...Object.keys(right.properties ?? {})])];
    merged.properties = Object.fromEntries(
      keys.map((key) => {
        const [a, b] = [left.properties?.[key], right.properties?.[key]];
        return [key, a && b ? mergeSchemas(a, b) : (a ?? b)!];
      }),
    );
    const bothObjects = left.properties && right.properties;
    merged.required = bothObjects ? (left.required ?? []).filter((key) => right.required?.includes(key)).sort() : (left.required ?? right.required ?? []);
    merged.additionalProperties = false;
  }
  if (left.items || right.items) merged.items = left.items && right.items ? mergeSchemas(left.items, right.items) : (left.items ?? right.items)!;
  return merged;
}

function typesOf(schema: JsonSchema): string[] {
  return schema.type === undefined ? [] : Array.isArray(schema.type) ? schema.type : [schema.type];
}
