// The `pulumi import --file` document for the pulumi-resource-mosaic plugin: one entry per resource the plugin can
// import by id. Today that is Client only (id `<applicationId>/<clientId>`, docs/multi-language.md#importing-an-existing-object);
// applications and resource lists are adopted through their importId in the exported programs instead.
import type { ExportPlan } from "./plan";

/** Resource types whose plugin read can import an existing object by id. */
const IMPORTABLE = new Set(["Client"]);

export function renderImportFile(plan: ExportPlan): string {
  const resources = plan.resources
    .filter((resource) => IMPORTABLE.has(resource.model.name))
    .map((resource) => ({ type: `mosaic:index:${resource.model.name}`, name: resource.name, id: resource.id }));
  return `${JSON.stringify({ resources }, null, 2)}\n`;
}
