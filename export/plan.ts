// The exported program as data: every resource with its name, its properties (inputs, references to other
// resources' outputs, the importId that adopts it) and the Pulumi id `pulumi import` would use. The renderers
// (TypeScript, YAML, import file) only format this.
import { clientModel } from "../provider/resources/client/fields";
import { clientRules } from "../provider/resources/client/rules";
import { applicationModel } from "../provider/resources/application/fields";
import { clientResourcesModel } from "../provider/resources/client-resources/fields";
import { signingKeyModel } from "../provider/resources/signing-key/fields";
import type { ResourceModel } from "../provider/resources/field-spec";
import { exportedInputs } from "./exported-inputs";
import { identifier, slug, uniqueNames } from "./names";
import type { TenantApplication } from "./read-tenant";

/** A property whose value is another resource's output, e.g. `app.appId`. */
export class Reference {
  constructor(
    readonly resource: PlannedResource,
    readonly output: string,
  ) {}
}

/** A value written on one line: a string, number, boolean or a Reference (not a list or an object). */
export const isScalar = (value: unknown): boolean => value === null || typeof value !== "object" || value instanceof Reference;

export interface PlannedResource {
  model: ResourceModel;
  /** The Pulumi resource name, unique in the program. */
  name: string;
  /** The TypeScript variable holding it. */
  variable: string;
  /** In the order they are written; values are plain JSON or a Reference. */
  properties: Array<[string, unknown]>;
  /** The resource's Pulumi id: what `pulumi import` takes. */
  id: string;
  /** One line saying what the object is, written above it. */
  title: string;
  /** Fields the tenant holds that the program leaves out, and why (written as a comment). */
  notes: string[];
}

export interface ExportPlan {
  resources: PlannedResource[];
  counts: { applications: number; clients: number; defaultClients: number; resourceLists: number; signingKeys: number };
}

/** An object's name in a comment line: quoted and escaped, so a newline in it cannot end the comment. */
const quoted = (name: unknown) => JSON.stringify(String(name ?? ""));

const invalidNote = (fields: string[]) =>
  fields.length === 0
    ? []
    : [`Not exported: ${fields.join(", ")} (the tenant's value is not a valid input; set it here if you want to manage it).`];

export function planExport(tenant: readonly TenantApplication[]): ExportPlan {
  const taken = new Set<string>();
  const variables = new Set<string>();
  const resources: PlannedResource[] = [];
  const counts = { applications: 0, clients: 0, defaultClients: 0, resourceLists: 0, signingKeys: 0 };
  const appNames = uniqueNames(
    tenant.map(({ app }) => ({ id: app.app_id, base: slug(String(app.app_name ?? ""), "app"), createdAt: app.created_at })),
    taken,
  );
  tenant.forEach(({ app, clients, signingKeys }, index) => {
    const name = appNames[index];
    const appInputs = exportedInputs(applicationModel.inputs, app);
    const application: PlannedResource = {
      model: applicationModel,
      name,
      variable: identifier(name, variables),
      properties: [...Object.entries(appInputs.inputs), ["importId", app.app_id]],
      id: app.app_id,
      title: `Application ${quoted(app.app_name)} (${app.app_id})`,
      notes: invalidNote(appInputs.invalid),
    };
    resources.push(application);
    counts.applications++;
    // The default client first, then the others in the API's order.
    const ordered = [...clients].sort((a, b) => Number(b.client_id === app.client_id) - Number(a.client_id === app.client_id));
    const clientNames = uniqueNames(
      ordered.map((client) => ({
        id: client.client_id,
        base: client.client_id === app.client_id ? `${name}-default` : `${name}-${slug(String(client.name ?? ""), "client")}`,
        createdAt: client.created_at,
      })),
      taken,
    );
    ordered.forEach((client, clientIndex) => {
      const isDefault = client.client_id === app.client_id;
      const clientName = clientNames[clientIndex];
      const clientInputs = exportedInputs(clientModel.inputs, client, clientRules);
      const planned: PlannedResource = {
        model: clientModel,
        name: clientName,
        variable: identifier(clientName, variables),
        properties: [
          ["applicationId", new Reference(application, "appId")],
          ...Object.entries(clientInputs.inputs),
          ["importId", client.client_id],
        ],
        id: `${app.app_id}/${client.client_id}`,
        title: `${isDefault ? "Default client" : "Client"} ${quoted(client.name)} (${client.client_id}) of ${quoted(app.app_name)}`,
        notes: invalidNote(clientInputs.invalid),
      };
      resources.push(planned);
      counts.clients++;
      if (isDefault) counts.defaultClients++;
      const resourceIds = client.resources ?? [];
      // An empty list is the server's default: nothing to manage.
      if (resourceIds.length === 0) return;
      const listName = uniqueNames([{ id: client.client_id, base: `${clientName}-resources` }], taken)[0];
      resources.push({
        model: clientResourcesModel,
        name: listName,
        variable: identifier(listName, variables),
        properties: [
          ["applicationId", new Reference(application, "appId")],
          ["clientId", new Reference(planned, "clientId")],
          ["resourceIds", [...resourceIds]],
        ],
        id: `${app.app_id}/${client.client_id}`,
        title: `Resources (APIs) client ${quoted(client.name)} may request`,
        notes: [],
      });
      counts.resourceLists++;
    });
    // The tenant's global key is listed with every application but belongs to none: it is not the app's to manage.
    const ownKeys = signingKeys.filter((key) => key.source !== "global");
    const keyNames = uniqueNames(
      ownKeys.map((key) => ({ id: key.id, base: `${name}-key-${slug(String(key.name ?? ""), "key")}`, createdAt: key.created_at })),
      taken,
    );
    ownKeys.forEach((key, keyIndex) => {
      const keyInputs = exportedInputs(signingKeyModel.inputs, key);
      resources.push({
        model: signingKeyModel,
        name: keyNames[keyIndex],
        variable: identifier(keyNames[keyIndex], variables),
        properties: [["applicationId", new Reference(application, "appId")], ...Object.entries(keyInputs.inputs), ["importId", key.id]],
        id: `${app.app_id}/${key.id}`,
        title: `Signing key ${quoted(key.name)} (${key.id}) of ${quoted(app.app_name)}`,
        notes: [
          ...invalidNote(keyInputs.invalid),
          ...(key.source === "uploaded"
            ? ["An uploaded key: its jwk is not exported (the API never returns key material); the adopted key keeps its own."]
            : []),
        ],
      });
      counts.signingKeys++;
    });
  });
  return { resources, counts };
}
