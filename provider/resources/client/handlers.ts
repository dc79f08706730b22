// check / diff / create / read / update / delete for mosaic.Client (docs/README.md, "Behaviour shared by every resource").
// The Pulumi id is "<applicationId>/<clientId>": the API addresses a client through its application.
import type { ClientRecord, CreateClientInput } from "../../api";
import { checkInputs, forEngine, passingInputs, type CheckFailure } from "../check";
import { diffInputs, fieldsToConverge } from "../diff";
import { MosaicResourceError, ResourceErrorCodes } from "../errors";
import { fromApi, pickFields, toApi } from "../field-mapping";
import { serverOutputsFrom } from "../field-spec";
import type { HandlerDeps, ResourceHandlers } from "../handler-contract";
import { applicationScopedKeys, CreateJournal } from "../create-journal";
import { createOnce } from "../create-once";
import { deleteIgnoringNotFound, importNotFoundError, isNotFound, nameTakenError, partialCreateError } from "../outcomes";
import { asProps, definedOnly, omit, only, type Props } from "../props";
import { clientResourceId, parseClientResourceId } from "../resource-ids";
import { keptByThisRun, RunRegistry } from "../run-registry";
import { clientModel } from "./fields";
import { clientRules } from "./rules";

const fields = clientModel.inputs;
const SERVER_OUTPUTS = Object.keys(clientModel.outputs);

/** The managed inputs plus the server's outputs; `clientSecret` is marked secret by the SDK (additionalSecretOutputs). */
function outputsOf(managed: Props, client: ClientRecord, isDefaultClient: boolean): Props {
  return definedOnly({ ...managed, ...serverOutputsFrom(clientModel.outputs, client), isDefaultClient });
}

/**
 * The same refusal as a check failure, for an existing client (`olds` holds its previous inputs; a new one has
 * none) whose change would replace it while importId is set.
 */
function replaceWithImportIdFailures(olds: Props, inputs: Props): CheckFailure[] {
  if (inputs.importId === undefined || Object.keys(pickFields(fields, olds)).length === 0) return [];
  const { replaces } = diffInputs(fields, olds, inputs);
  if (replaces.length === 0) return [];
  return [{ property: "importId", reason: replaceWithImportIdError(replaces, olds).message }];
}

/**
 * The replacement would "create" by adopting importId again: the very client being replaced (or, after a
 * delete-first replacement, a client that no longer exists). Stop before anything is deleted.
 */
function replaceWithImportIdError(replaces: string[], olds: Props): MosaicResourceError {
  const remedy =
    olds.isDefaultClient === true
      ? "This is the default client of its application, which cannot be replaced on its own: undo the change " +
        `(${replaces.join(", ")}), or replace the application.`
      : "Remove importId (the client is already managed) and run again.";
  return new MosaicResourceError(
    ResourceErrorCodes.REPLACE_WITH_IMPORT_ID,
    `This change (${replaces.join(", ")}) replaces the client, but importId is still set, ` +
      `so the replacement would adopt the same client again. ${remedy}`,
  );
}

export function clientHandlers({
  api,
  clients,
  log,
  run = new RunRegistry(),
  journal = new CreateJournal(undefined),
}: HandlerDeps): ResourceHandlers {
  const { keyOf, settle } = applicationScopedKeys("client", () => api().settings, journal);

  async function adopt(managed: Props, applicationId: string, importId: string) {
    let client: ClientRecord;
    try {
      client = await api().clients.get({ app_id: applicationId, client_id: importId });
    } catch (error) {
      throw isNotFound(error) ? importNotFoundError(`client of application ${applicationId}`, importId) : error;
    }
    // The default client goes when its application goes; delete() must know not to delete it alone.
    const isDefaultClient = (await api().applications.get({ app_id: applicationId })).client_id === client.client_id;
    const current = fromApi(fields, client, managed);
    if (current.authenticationProtocol !== managed.authenticationProtocol) {
      throw new MosaicResourceError(
        ResourceErrorCodes.IMPORT_PROTOCOL_MISMATCH,
        `importId "${importId}": the existing client uses authenticationProtocol ` +
          `"${String(current.authenticationProtocol)}", but the program ` +
          `says "${String(managed.authenticationProtocol)}". The protocol cannot be changed; set authenticationProtocol to match.`,
      );
    }
    const toSend = fieldsToConverge(fields, current, managed).filter((name) => name !== "authenticationProtocol");
    if (toSend.length > 0) {
      try {
        client = await clients().update(applicationId, client.client_id, toApi(fields, only(managed, toSend)));
      } catch (error) {
        const id = clientResourceId(applicationId, client.client_id);
        const knownOutputs = omit(outputsOf(current, client, isDefaultClient), ["clientSecret"]);
        throw partialCreateError("Client", id, knownOutputs, "updating it to match the program", error);
      }
    }
    return { id: clientResourceId(applicationId, client.client_id), outs: outputsOf(managed, client, isDefaultClient) };
  }

  return {
    async check(olds, news) {
      const outcome = checkInputs(fields, news, clientRules);
      // The API's default made explicit, so diff and refresh compare like with like; create and update receive
      // these checked inputs.
      outcome.inputs.authenticationProtocol ??= "oidc";
      // Refused here rather than in diff: the engine prints a check failure once, under the resource, while an
      // error thrown from diff is printed again with its stack by the dynamic-provider host.
      if (outcome.failures.length === 0) outcome.failures.push(...replaceWithImportIdFailures(asProps(olds), outcome.inputs));
      return forEngine(outcome);
    },

    async diff(id, olds, news) {
      settle(id, olds);
      const { changed, replaces } = diffInputs(fields, olds, news);
      // Names are unique within an application (409), so a replacement that keeps the name and the application
      // cannot create the new client first: it deletes the old one first. Renaming in the same change (or moving
      // to another application) keeps the safer create-before-delete order, so consumers never lose a working client.
      const sameSlot = !changed.includes("name") && !changed.includes("applicationId");
      if (replaces.length > 0 && asProps(news).importId !== undefined) throw replaceWithImportIdError(replaces, asProps(olds));
      return { changes: changed.length > 0, replaces, deleteBeforeReplace: replaces.length > 0 && sameSlot, diffs: changed };
    },

    async create(inputs) {
      const managed = pickFields(fields, inputs);
      const applicationId = String(managed.applicationId);
      if (typeof managed.importId === "string") {
        const adopted = await adopt(managed, applicationId, managed.importId);
        run.claim("client", adopted.id, "adopted with importId");
        return adopted;
      }
      const body = toApi<CreateClientInput>(fields, managed);
      const name = String(body.name);
      return createOnce({
        key: keyOf(applicationId, name),
        label: `client "${name}" of application ${applicationId}`,
        journal,
        log,
        run,
        kind: "client",
        findByName: async () =>
          (await clients().list(applicationId))
            .filter((c) => c.name === name)
            .map((c) => ({ id: clientResourceId(applicationId, c.client_id), createdAt: c.created_at })),
        adopt: (id) => adopt(managed, applicationId, parseClientResourceId(id).clientId),
        post: async () => {
          const created = await clients().create(applicationId, body);
          return { id: clientResourceId(applicationId, created.client_id), outs: outputsOf(managed, created, false) };
        },
        idOf: (result) => result.id,
        nameTaken: (existing, claimedThisRun) =>
          nameTakenError(
            `client in application ${applicationId}`,
            "Client",
            name,
            existing && { ...existing, id: parseClientResourceId(existing.id).clientId },
            claimedThisRun,
          ),
      });
    },

    async read(id, props = {}) {
      settle(id, props);
      const { applicationId, clientId } = parseClientResourceId(id);
      // Client.get(name, "<applicationId>/<clientId>") passes no managed inputs: read every field the API returns.
      const isLookup = props.clientId === undefined;
      const found = await clients().read(applicationId, clientId);
      if (!found) {
        if (isLookup) {
          throw new MosaicResourceError(
            ResourceErrorCodes.LOOKUP_NOT_FOUND,
            `Client.get or pulumi import: no client "${clientId}" exists in application "${applicationId}".`,
          );
        }
        log.warn(
          `client ${clientId} of application ${applicationId} no longer exists (deleted outside Pulumi); it is removed from the stack. ` +
            "The next `pulumi up` creates it again.",
        );
        return {};
      }
      const inputs = isLookup
        ? passingInputs(fields, { ...fromApi(fields, found), applicationId }, clientRules)
        : { ...fromApi(fields, found, pickFields(fields, props)), applicationId };
      // A lookup has no state that says so: `pulumi import` of an application's default client must know it, or
      // a later destroy would try to delete a client the API deletes only with its application.
      const isDefaultClient = isLookup
        ? (await api().applications.get({ app_id: applicationId })).client_id === clientId
        : props.isDefaultClient === true;
      return { id, props: outputsOf(inputs, found, isDefaultClient), inputs };
    },

    async update(id, olds, news) {
      settle(id, olds);
      const { applicationId, clientId } = parseClientResourceId(id);
      const managed = pickFields(fields, news);
      const { toSend } = diffInputs(fields, olds, news);
      if (toSend.length === 0) return { outs: { ...managed, ...only(olds, SERVER_OUTPUTS) } };
      const updated = await clients().update(applicationId, clientId, toApi(fields, only(managed, toSend)));
      return { outs: outputsOf(managed, updated, olds.isDefaultClient === true) };
    },

    async delete(id, props) {
      settle(id, props);
      const { applicationId, clientId } = parseClientResourceId(id);
      if (keptByThisRun(run, "client", id, `client ${clientId} of application ${applicationId}`, log)) return;
      if (props.isDefaultClient === true) {
        log.info(
          `client ${clientId} is the default client of application ${applicationId}: the API deletes it only with its application, ` +
            "so it is left in place and no longer managed.",
        );
        return;
      }
      await deleteIgnoringNotFound(() => clients().delete(applicationId, clientId));
    },
  };
}
