// check / diff / create / read / update / delete for mosaic.ClientResources. The object is a client's resource
// list: create and update replace it with one PUT, delete empties it. The Pulumi id is "<applicationId>/<clientId>",
// the id of the client whose list it is (resource-ids.ts), so `pulumi import` takes the client's id.
import { MosaicResourceError, ResourceErrorCodes } from "../errors";
import type { HandlerDeps, ResourceHandlers } from "../handler-contract";
import { modelCheckAndDiff } from "../model-handlers";
import { deleteIgnoringNotFound } from "../outcomes";
import type { Props } from "../props";
import { clientResourceId, parseClientResourceId } from "../resource-ids";
import { keptByThisRun, RunRegistry } from "../run-registry";
import { clientResourcesModel } from "./fields";

const fields = clientResourcesModel.inputs;

export function clientResourcesHandlers({ clients, log, run = new RunRegistry() }: HandlerDeps): ResourceHandlers {
  async function putResources(applicationId: string, clientId: string, resourceIds: string[]): Promise<Props> {
    const updated = await clients().updateResources(applicationId, clientId, resourceIds);
    return { applicationId, clientId, resourceIds: updated.resources ?? resourceIds };
  }

  return {
    ...modelCheckAndDiff(fields),

    async create(inputs) {
      const applicationId = String(inputs.applicationId);
      const clientId = String(inputs.clientId);
      const outs = await putResources(applicationId, clientId, inputs.resourceIds as string[]);
      const id = clientResourceId(applicationId, clientId);
      run.claim("clientResources", id, "created");
      return { id, outs };
    },

    async read(id, props = {}) {
      const { applicationId, clientId } = parseClientResourceId(id, "ClientResources");
      // `pulumi import` passes no state at all: there is nothing to drop from a stack, only an id that names nothing.
      const isLookup = props.clientId === undefined;
      const found = await clients().read(applicationId, clientId);
      if (!found) {
        if (isLookup) {
          throw new MosaicResourceError(
            ResourceErrorCodes.LOOKUP_NOT_FOUND,
            `pulumi import: no client "${clientId}" exists in application "${applicationId}", so it has no resource list.`,
          );
        }
        log.warn(
          `client ${clientId} of application ${applicationId} no longer exists, so neither does its resource list; ` +
            "it is removed from the stack.",
        );
        return {};
      }
      const outs = { applicationId, clientId, resourceIds: found.resources ?? [] };
      return { id, props: outs, inputs: outs };
    },

    async update(id, _olds, news) {
      const { applicationId, clientId } = parseClientResourceId(id, "ClientResources");
      return { outs: await putResources(applicationId, clientId, news.resourceIds as string[]) };
    },

    async delete(id) {
      const { applicationId, clientId } = parseClientResourceId(id, "ClientResources");
      if (keptByThisRun(run, "clientResources", id, `the resource list of client ${clientId}`, log)) return;
      // A client (or application) that is already gone took its resource list with it.
      await deleteIgnoringNotFound(() => clients().updateResources(applicationId, clientId, []));
    },
  };
}
