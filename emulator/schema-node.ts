// The subset of JSON Schema the request validator understands: what the vendor's request schemas use.

export type SchemaType = "string" | "number" | "integer" | "boolean" | "array" | "object";

export interface SchemaNode {
  type?: SchemaType;
  properties?: Readonly<Record<string, SchemaNode>>;
  required?: readonly string[];
  enum?: readonly (string | number | boolean)[];
  items?: SchemaNode;
  allOf?: readonly SchemaNode[];
  oneOf?: readonly SchemaNode[];
  anyOf?: readonly SchemaNode[];
  /** The name of another schema in the same table. */
  $ref?: string;
  default?: unknown;
  format?: string;
  minimum?: number;
  maximum?: number;
}
