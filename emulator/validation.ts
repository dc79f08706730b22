// Request-body validation with the vendor's own request schemas (the generated extract in openapi-schemas.ts) and
// NestJS ValidationPipe-style messages (whitelist + forbidNonWhitelisted): every problem is one string, the bad
// field named by its dotted path, all of them returned together as the 400 body's `message` array.
import { REQUEST_SCHEMAS } from "./openapi-schemas";
import type { SchemaNode, SchemaType } from "./schema-node";

export type RequestSchemaName =
  | "ApiCreateAppInput"
  | "ApiUpdateAppInput"
  | "ApiCreateOidcClientInput"
  | "ApiCreateSamlClientInput"
  | "ApiUpdateOidcClientInput"
  | "ApiUpdateSamlClientInput"
  | "CreateTokenSigningKeyInput"
  | "UploadTokenSigningKey"
  | "UpdateTokenSigningKey"
  | "ApiUpdateResourceInAppInput";

/**
 * The problems with `body` under the named schema; empty when it is valid. `path` names where the body sits
 * inside a larger one (e.g. "first_client"), so messages point at the field the caller sent.
 */
export function validateRequestBody(body: unknown, schemaName: RequestSchemaName, path = ""): string[] {
  const messages: string[] = [];
  checkValue(body, schemaByName(schemaName), path, messages);
  return [...new Set(messages)];
}

function schemaByName(name: string): SchemaNode {
  const schema = REQUEST_SCHEMAS[name];
  if (!schema) throw new Error(`no request schema named ${name}`);
  return schema;
}

/** Follows `$ref` and single-element `allOf` wrappers (the document's way of describing a referenced object). */
function resolve(node: SchemaNode): SchemaNode {
  let current = node;
  for (;;) {
    if (current.$ref) current = schemaByName(current.$ref);
    else if (current.allOf && current.allOf.length === 1 && !current.type && !current.properties) current = current.allOf[0]!;
    else return current;
  }
}

function join(path: string, key: string | number): string {
  return path === "" ? String(key) : `${path}.${key}`;
}

function typeMessage(path: string, type: SchemaType | undefined): string {
  switch (type) {
    case "string":
      return `${path} must be a string`;
    case "number":
    case "integer":
      return `${path} must be a number conforming to the specified constraints`;
    case "boolean":
      return `${path} must be a boolean value`;
    case "array":
      return `${path} must be an array`;
    default:
      return path === "" ? "request body must be a JSON object" : `${path} must be an object`;
  }
}

function hasType(value: unknown, type: SchemaType): boolean {
  switch (type) {
    case "string":
      return typeof value === "string";
    case "number":
      return typeof value === "number" && Number.isFinite(value);
    case "integer":
      return typeof value === "number" && Number.isInteger(value);
    case "boolean":
      return typeof value === "boolean";
    case "array":
      return Array.isArray(value);
    case "object":
      return typeof value === "object" && value !== null && !Array.isArray(value);
  }
}

function enumMessage(prefix: string, values: readonly unknown[]): string {
  return `${prefix} must be one of the following values: ${values.join(", ")}`;
}

function checkValue(value: unknown, rawNode: SchemaNode, path: string, messages: string[]): void {
  const node = resolve(rawNode);
  if (node.allOf) for (const part of node.allOf) checkValue(value, part, path, messages);
  const alternatives = node.oneOf ?? node.anyOf;
  if (alternatives) {
    let best: string[] | undefined;
    for (const alternative of alternatives) {
      const attempt: string[] = [];
      checkValue(value, alternative, path, attempt);
      if (attempt.length === 0) {
        best = attempt;
        break;
      }
      if (!best || attempt.length < best.length) best = attempt;
    }
    messages.push(...(best ?? []));
  }
  const type = node.type ?? (node.properties ? "object" : undefined);
  if (type && !hasType(value, type)) {
    messages.push(typeMessage(path, type));
    return;
  }
  if (node.enum && !node.enum.includes(value as string)) messages.push(enumMessage(path, node.enum));
  if (typeof value === "number") {
    if (node.minimum !== undefined && value < node.minimum) messages.push(`${path} must not be less than ${node.minimum}`);
    if (node.maximum !== undefined && value > node.maximum) {
      messages.push(`${path} must not be greater than ${node.maximum}`);
    }
  }
  if (type === "array" && node.items) checkArrayItems(value as unknown[], node.items, path, messages);
  if (type === "object" && node.properties) checkObject(value as Record<string, unknown>, node, path, messages);
}

function checkArrayItems(items: unknown[], rawItemNode: SchemaNode, path: string, messages: string[]): void {
  const itemNode = resolve(rawItemNode);
  const scalar = itemNode.type && itemNode.type !== "object" && itemNode.type !== "array" && !itemNode.properties;
  if (scalar) {
    // class-validator reports scalar item problems once per array ("each value in x …"), not once per item.
    if (items.some((item) => !hasType(item, itemNode.type!))) {
      messages.push(`each value in ${typeMessage(path, itemNode.type)}`);
    } else if (itemNode.enum && items.some((item) => !itemNode.enum!.includes(item as string))) {
      messages.push(enumMessage(`each value in ${path}`, itemNode.enum));
    }
    return;
  }
  items.forEach((item, index) => checkValue(item, itemNode, join(path, index), messages));
}

function checkObject(value: Record<string, unknown>, node: SchemaNode, path: string, messages: string[]): void {
  const properties = node.properties!;
  for (const key of Object.keys(value)) {
    if (!Object.hasOwn(properties, key)) messages.push(`property ${join(path, key)} should not exist`);
  }
  for (const required of node.required ?? []) {
    const present = value[required];
    const propertyNode = resolve(properties[required] ?? {});
    const propertyType = propertyNode.type ?? (propertyNode.properties ? "object" : undefined);
    if (present === undefined) {
      messages.push(`${join(path, required)} should not be empty`, typeMessage(join(path, required), propertyType));
    } else if (present === "" && propertyType === "string") {
      messages.push(`${join(path, required)} should not be empty`);
    }
  }
  for (const [key, propertyNode] of Object.entries(properties)) {
    if (value[key] !== undefined) checkValue(value[key], propertyNode, join(path, key), messages);
  }
}
