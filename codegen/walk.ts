// Walks a resource model the way every generator needs it: its nested object types (each named once, after the
// resource and the path to it) and the enum types its fields use, in field order so output is deterministic.
import type { EnumType, FieldMap, ObjectField, ResourceModel, TypeShape } from "../provider/resources/field-spec";

export interface ObjectType {
  /** e.g. "ClientAuthenticationConfigurationTlsClientAuth". */
  name: string;
  field: ObjectField;
}

const pascal = (name: string) => name.charAt(0).toUpperCase() + name.slice(1);

/** The nested object types of a model, outermost first; `names` maps each ObjectField to its type name. */
export function objectTypesOf(model: ResourceModel): { types: ObjectType[]; names: Map<ObjectField, string> } {
  const types: ObjectType[] = [];
  const names = new Map<ObjectField, string>();
  const visit = (fields: FieldMap, prefix: string) => {
    for (const [fieldName, field] of Object.entries(fields)) {
      if (field.kind !== "object") continue;
      const name = prefix + pascal(fieldName);
      types.push({ name, field });
      names.set(field, name);
      visit(field.fields, name);
    }
  };
  visit(model.inputs, model.name);
  return { types, names };
}

function enumsOfShape(shape: TypeShape): EnumType[] {
  if (shape.kind === "enum") return [shape.enum];
  if (shape.kind === "list") return enumsOfShape(shape.items);
  return [];
}

/** Every enum type the models use, each once, in first-use order. */
export function enumTypesOf(models: readonly ResourceModel[]): EnumType[] {
  const found = new Map<string, EnumType>();
  const visit = (fields: FieldMap) => {
    for (const field of Object.values(fields)) {
      if (field.kind === "object") visit(field.fields);
      else for (const enumType of enumsOfShape(field.type.shape)) found.set(enumType.name, enumType);
    }
  };
  for (const model of models) {
    visit(model.inputs);
    for (const out of Object.values(model.outputs)) for (const enumType of enumsOfShape(out.type.shape)) found.set(enumType.name, enumType);
  }
  return [...found.values()];
}
