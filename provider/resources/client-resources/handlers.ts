// check / diff / create / read / update / delete for mosaic.ClientResources. The object is a client's resource
// list: create and update replace it with one PUT, delete empties it. The Pulumi id is "<applicationId>/<clientId>".
import { clientDirectory } from "../../context";
import { providerLog } from "../../log";
import { checkInputs, forEngine, type CheckOutcome } from "../check";
import { diffInputs } from "../diff";
import { deleteIgnoringNotFound } from "../outcomes";
import type { Props } from "../props";
import { clientResourceId, parseClientResourceId } from "../client/handlers";
import { clientResourcesFields as fields } from "./fields";

async function putResources(applicationId: string, clientId: string, resourceIds: string[]): Promise<Props> {
  const updated = await clientDirectory().updateResources(applicationId, clientId, resourceIds);
  return { applicationId, clientId, resourceIds: updated.resources ?? resourceIds };
}

export const clientResources = {
  async check(_olds: Props, news: Props): Promise<CheckOutcome> {
    return forEngine(checkInputs(fields, news));
  },

  async diff(_id: string, olds: Props, news: Props) {
    const { changed, replaces } = diffInputs(fields, olds, news);
    return { changes: changed.length > 0, replaces };
  },

  async create(inputs: Props) {
    const applicationId = String(inputs.applicationId);
    const clientId = String(inputs.clientId);
    const outs = await putResources(applicationId, clientId, inputs.resourceIds as string[]);
    return { id: clientResourceId(applicationId, clientId), outs };
  },

  async read(id: string) {
    const { applicationId, clientId } = parseClientResourceId(id);
    const found = await clientDirectory().read(applicationId, clientId);
    if (!found) {
      providerLog.warn(`client ${clientId} of application ${applicationId} no longer exists, so neither does its resource list; it is removed from the stack.`);
      return {};
    }
    const outs = { applicationId, clientId, resourceIds: found.resources ?? [] };
    return { id, props: outs, inputs: outs };
  },

  async update(id: string, _olds: Props, news: Props) {
    const { applicationId, clientId } = parseClientResourceId(id);
    return { outs: await putResources(applicationId, clientId, news.resourceIds as string[]) };
  },

  async delete(id: string) {
    const { applicationId, clientId } = parseClientResourceId(id);
    // A client (or application) that is already gone took its resource list with it.
    await deleteIgnoringNotFound(() => clientDirectory().updateResources(applicationId, clientId, []));
  },
};
