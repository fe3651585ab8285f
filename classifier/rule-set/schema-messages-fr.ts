import type { ErrorObject } from 'ajv';

/**
 * French wording of ajv's messages for the keywords the rule-file schema uses (administrators read
 * them in the console). A keyword without a wording here keeps ajv's English message.
 */
const FRENCH: Record<string, (params: Record<string, unknown>) => string> = {
  type: ({ type }) => `doit être de type ${String(type)}`,
  required: ({ missingProperty }) => `le champ requis « ${String(missingProperty)} » manque`,
  enum: () => 'doit être une des valeurs permises',
  const: ({ allowedValue }) => `doit valoir ${JSON.stringify(allowedValue)}`,
  pattern: ({ pattern }) => `doit correspondre au motif "${String(pattern)}"`,
  minimum: ({ comparison, limit }) => `doit être ${String(comparison)} ${String(limit)}`,
  maximum: ({ comparison, limit }) => `doit être ${String(comparison)} ${String(limit)}`,
  minLength: ({ limit }) => `doit compter au moins ${String(limit)} caractère(s)`,
  maxLength: ({ limit }) => `doit compter au plus ${String(limit)} caractère(s)`,
  minItems: ({ limit }) => `doit contenir au moins ${String(limit)} élément(s)`,
  maxItems: ({ limit }) => `doit contenir au plus ${String(limit)} élément(s)`,
  minProperties: ({ limit }) => `doit contenir au moins ${String(limit)} champ(s)`,
  maxProperties: ({ limit }) => `doit contenir au plus ${String(limit)} champ(s)`,
  uniqueItems: ({ i, j }) => `ne doit pas contenir de doublons (éléments ${String(j)} et ${String(i)} identiques)`,
  not: () => 'ne doit pas correspondre au schéma « not »',
  propertyNames: ({ propertyName }) => `nom de champ invalide « ${String(propertyName)} »`,
};

export function frenchSchemaMessage(error: ErrorObject): string {
  const word = FRENCH[error.keyword];
  return word ? word(error.params as Record<string, unknown>) : (error.message ?? 'est invalide');
}
