// The lookup functions (getApplication, getApplications, getClient, getClients): their arguments and results,
// described once. The SDK's functions (sdk/lookups.ts), the package schema's functions (codegen/schema.ts, served by
// the plugin's Invoke) and the docs read this table; lookups.ts implements it over the shared API client.
// A lookup's result is what the resource's `get` would read: every field the API returns, under the resource's
// input and output names, so a looked-up object can be passed wherever the resource's outputs could.
import { applicationModel } from "../application/fields";
import { clientModel } from "../client/fields";
import { nonEmptyText, output, text, value, type FieldMap, type OutputMap, type ResourceModel } from "../field-spec";

/** A lookup's result: one object of a resource, or a list of items under one property. */
export type LookupResult = ObjectResult | { kind: "list"; property: string; item: keyof typeof LOOKUP_ITEM_TYPES };

/** One object: the resource's readable inputs (`objectFields`, nested objects included) plus `properties`. */
export interface ObjectResult {
  kind: "object";
  properties: OutputMap;
  objectFields: FieldMap;
}

export interface LookupFunction {
  /** `mosaic.<name>` in the SDK (with `<name>Output`), `mosaic:index:<name>` in the package schema. */
  name: "getApplication" | "getApplications" | "getClient" | "getClients";
  doc: string;
  args: FieldMap;
  result: LookupResult;
}

/** The inputs the API returns (local-only ones are the program's, not the API's) as result properties. */
function readableInputs(model: ResourceModel): FieldMap {
  return Object.fromEntries(Object.entries(model.inputs).filter(([, field]) => !field.localOnly && !field.writeOnly));
}

/** A resource's read result: its readable inputs plus the outputs the API returns (computed ones are left out). */
function resourceResult(model: ResourceModel, extra: OutputMap = {}): ObjectResult {
  const outputs = Object.fromEntries(Object.entries(model.outputs).filter(([, out]) => out.api !== undefined));
  return { kind: "object", properties: { ...extra, ...outputs }, objectFields: readableInputs(model) };
}

const applicationIdArg = value("", nonEmptyText(), "ID of the application, usually `app.appId`.", { required: true, localOnly: true });

/** An item of getApplications: the API's basic application info (`GET /v1/applications/list`). */
export const applicationSummary: OutputMap = {
  appId: output("app_id", text(), "The application's ID."),
  appName: output("app_name", text(), "Name of the application."),
  appDescription: output("app_description", text(), "Short description.", { optional: true }),
  tenantId: output("tenant_id", text(), "The tenant's ID.", { optional: true }),
  loginUri: output("login_uri", text(), "Login page of the application.", { optional: true }),
};

export const APPLICATION_RESULT = resourceResult(applicationModel);
export const CLIENT_RESULT = resourceResult(clientModel, {
  applicationId: output("app_id", text(), "ID of the application the client belongs to."),
});

export const LOOKUP_FUNCTIONS: readonly LookupFunction[] = [
  {
    name: "getApplication",
    doc:
      "Looks up one application by `appId` (one `GET /v1/applications/{appId}`) or by `appName` (one `GET /v1/applications`, " +
      "matched exactly; that list has no `logo`, so a lookup by name leaves it unset). Give exactly one. No match, or several " +
      "applications with that name, fails with a message saying so. `defaultClientSecret` is a secret.",
    args: {
      appId: value("", nonEmptyText(), "ID of the application.", { localOnly: true }),
      appName: value("", nonEmptyText(), "Exact name of the application.", { localOnly: true }),
    },
    result: APPLICATION_RESULT,
  },
  {
    name: "getApplications",
    doc: "Lists every application of the tenant, basic info only (one `GET /v1/applications/list`; the API has no pagination).",
    args: {},
    result: { kind: "list", property: "applications", item: "ApplicationSummary" },
  },
  {
    name: "getClient",
    doc:
      "Looks up one client of an application by `clientId` (one `GET …/clients/{clientId}`) or by `name` (one `GET …/clients`, " +
      "matched exactly). Give exactly one. No match, or several clients with that name, fails with a message saying so. " +
      "`clientSecret` is a secret.",
    args: {
      applicationId: applicationIdArg,
      clientId: value("", nonEmptyText(), "ID of the client.", { localOnly: true }),
      name: value("", nonEmptyText(), "Exact name of the client within the application.", { localOnly: true }),
    },
    result: CLIENT_RESULT,
  },
  {
    name: "getClients",
    doc: "Lists every client of an application (one `GET /v1/applications/{appId}/clients`). Each `clientSecret` is a secret.",
    args: { applicationId: applicationIdArg },
    result: { kind: "list", property: "clients", item: "ClientLookup" },
  },
];

/** The item types of the list results: schema object types of these names. */
export const LOOKUP_ITEM_TYPES: { ApplicationSummary: ObjectResult; ClientLookup: ObjectResult } = {
  ApplicationSummary: { kind: "object", properties: applicationSummary, objectFields: {} },
  ClientLookup: CLIENT_RESULT,
};

/** The result properties that hold secrets (the SDK makes them Pulumi secrets; the schema marks them `secret`). */
export function secretProperties(result: OutputMap): string[] {
  return Object.keys(result).filter((name) => result[name].secret);
}
