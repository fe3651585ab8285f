import type { Connection, Schema, SchemaType } from 'mongoose';
import type { Models } from './models/index.js';

/**
 * The second layer of validation: each collection gets a `$jsonSchema` validator derived from its
 * mongoose schema, so a document written around the models (the raw driver, a script, a bug in
 * an update pipeline) is refused by the store itself. MongoDB enforces it natively; the embedded
 * store's guard turns the same command into SQLite triggers (embedded/go/validators.go).
 *
 * Mirrored: required top-level and nested fields, BSON types, string enums, min/max length and
 * numeric bounds. Not mirrored: regular expressions (`match`), custom validators and fields
 * inside arrays of subdocuments; those stay with mongoose.
 */
export type JsonSchema = {
  bsonType?: string | string[];
  required?: string[];
  properties?: Record<string, JsonSchema>;
  enum?: (string | number | null)[];
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
};

const BSON_TYPES: Record<string, string[]> = {
  String: ['string'],
  Number: ['int', 'long', 'double'],
  Date: ['date'],
  Boolean: ['bool'],
  ObjectId: ['objectId'],
  Array: ['array'],
  Buffer: ['binData'],
};

/** The `$jsonSchema` a collection's documents must satisfy, derived from its mongoose schema. */
export function jsonSchemaOf(schema: Schema): JsonSchema {
  const root: JsonSchema = { bsonType: 'object', required: [], properties: {} };
  schema.eachPath((path, type) => {
    if (path === '_id' || path === '__v') return;
    const segments = path.split('.');
    let parent = root;
    for (const segment of segments.slice(0, -1)) {
      parent.properties![segment] ??= { bsonType: ['object', 'null'], required: [], properties: {} };
      parent = parent.properties![segment]!;
    }
    const field = segments.at(-1)!;
    const property = propertyOf(type);
    if (property) parent.properties![field] = property;
    if (isRequired(type)) parent.required!.push(field);
  });
  return prune(root);
}

function propertyOf(type: SchemaType): JsonSchema | undefined {
  const bsonTypes = BSON_TYPES[type.instance];
  if (!bsonTypes) return undefined;
  const required = isRequired(type);
  const options = type.options as {
    enum?: unknown;
    minlength?: unknown;
    maxlength?: unknown;
    min?: unknown;
    max?: unknown;
  };
  const property: JsonSchema = { bsonType: required ? bsonTypes : [...bsonTypes, 'null'] };
  const values = enumValues(options.enum);
  if (values) property.enum = required ? values : [...values, null];
  if (typeof options.minlength === 'number') property.minLength = options.minlength;
  if (typeof options.maxlength === 'number') property.maxLength = options.maxlength;
  if (typeof options.min === 'number') property.minimum = options.min;
  if (typeof options.max === 'number') property.maximum = options.max;
  return property;
}

/** Only an unconditional `required: true` holds for every document. */
function isRequired(type: SchemaType): boolean {
  const required = (type.options as { required?: unknown }).required;
  return required === true || (Array.isArray(required) && required[0] === true);
}

function enumValues(option: unknown): string[] | undefined {
  const values = Array.isArray(option) ? option : (option as { values?: unknown } | undefined)?.values;
  return Array.isArray(values) && values.every((value) => typeof value === 'string')
    ? [...values]
    : undefined;
}

function prune(schema: JsonSchema): JsonSchema {
  if (schema.required?.length === 0) delete schema.required;
  if (schema.properties) {
    for (const [key, child] of Object.entries(schema.properties)) schema.properties[key] = prune(child);
  }
  return schema;
}

/** Sets every model's validator; run at start-up after the collections exist. */
export async function applyStoreValidators(connection: Connection, models: Models): Promise<void> {
  for (const model of Object.values(models)) {
    await connection.db!.command({
      collMod: model.collection.collectionName,
      validator: { $jsonSchema: jsonSchemaOf(model.schema) },
      validationLevel: 'strict',
      validationAction: 'error',
    });
  }
}
