// The `pulumi import --file` document for the pulumi-resource-mosaic plugin: one entry per exported resource, by the
// id the plugin imports it with (docs/multi-language.md): `<applicationId>` for an Application,
// `<applicationId>/<clientId>` for a Client and for that client's ClientResources, `<applicationId>/<signingKeyId>`
// for a SigningKey.
import type { ExportPlan } from "./plan";

/** Resource types whose plugin read can import an existing object by id: all four. */
const IMPORTABLE = new Set(["Application", "Client", "ClientResources", "SigningKey"]);

export function renderImportFile(plan: ExportPlan): string {
  const resources = plan.resources
    .filter((resource) => IMPORTABLE.has(resource.model.name))
    .map((resource) => ({ type: `mosaic:index:${resource.model.name}`, name: resource.name, id: resource.id }));
  return `${JSON.stringify({ resources }, null, 2)}\n`;
}
