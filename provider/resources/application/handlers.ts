// check / diff / create / read / update / delete for mosaic.Application (docs/README.md, "Behaviour shared by every resource").
import type { AppRecord, CreateApplicationInput } from "../../api";
import { passingInputs } from "../check";
import { diffInputs, fieldsToConverge } from "../diff";
import { MosaicResourceError, ResourceErrorCodes } from "../errors";
import { fromApi, pickFields, toApi } from "../field-mapping";
import { serverOutputsFrom } from "../field-spec";
import type { HandlerDeps, ResourceHandlers } from "../handler-contract";
import { modelCheckAndDiff } from "../model-handlers";
import { CreateJournal, tenantOf, type NaturalKey } from "../create-journal";
import { createOnce } from "../create-once";
import { deleteIgnoringNotFound, importNotFoundError, isNotFound, nameTakenError, partialCreateError } from "../outcomes";
import { definedOnly, omit, only, type Props } from "../props";
import { parseApplicationId } from "../resource-ids";
import { keptByThisRun, RunRegistry } from "../run-registry";
import { applicationModel } from "./fields";

const fields = applicationModel.inputs;
/** Outputs the server computes; everything else in the outputs is the managed inputs. */
const SERVER_OUTPUTS = Object.keys(applicationModel.outputs);

/**
 * The managed inputs plus the server's outputs. The default client's secret is marked secret by the SDK
 * (additionalSecretOutputs). login_preferences (with third-party IdP secrets) and every other unmanaged field stay
 * out of state on purpose: the output table names what is kept.
 */
function outputsOf(managed: Props, app: AppRecord): Props {
  return definedOnly({ ...managed, ...serverOutputsFrom(applicationModel.outputs, app) });
}

export function applicationHandlers({
  api,
  clients,
  log,
  run = new RunRegistry(),
  journal = new CreateJournal(undefined),
}: HandlerDeps): ResourceHandlers {
  const keyOf = (appName: unknown): NaturalKey => ({ kind: "application", tenant: tenantOf(api().settings), name: String(appName) });
  /** The engine has this id in state: its journal entry, if any, is done. */
  const settle = (id: string, props: Props | undefined): void =>
    journal.settleIfKnown(() => (typeof props?.appName === "string" ? keyOf(props.appName) : undefined), id);

  async function adopt(managed: Props, importId: string): Promise<{ id: string; outs: Props }> {
    let app: AppRecord;
    try {
      app = await api().applications.get({ app_id: importId });
    } catch (error) {
      throw isNotFound(error) ? importNotFoundError("application", importId) : error;
    }
    const current = fromApi(fields, app, managed);
    const toSend = fieldsToConverge(fields, current, managed);
    if (toSend.length > 0) {
      try {
        app = await api().applications.update({ app_id: app.app_id }, toApi(fields, only(managed, toSend)));
        clients().forgetApplication(app.app_id);
      } catch (error) {
        const knownOutputs = omit(outputsOf(current, app), ["defaultClientSecret"]);
        throw partialCreateError("Application", app.app_id, knownOutputs, "updating it to match the program", error);
      }
    }
    return { id: app.app_id, outs: outputsOf(managed, app) };
  }

  function checkAndSettlingDiff(): Pick<ResourceHandlers, "check" | "diff"> {
    const { check, diff } = modelCheckAndDiff(fields);
    return {
      check,
      diff: async (id, olds, news) => {
        settle(id, olds);
        return diff(id, olds, news);
      },
    };
  }

  return {
    ...checkAndSettlingDiff(),

    async create(inputs) {
      const managed = pickFields(fields, inputs);
      if (typeof managed.importId === "string") {
        const adopted = await adopt(managed, managed.importId);
        run.claim("application", adopted.id, "adopted with importId");
        return adopted;
      }
      const body = toApi<CreateApplicationInput>(fields, managed);
      // Still required by the API although deprecated (docs/api-behaviour.md#application-request-body); not managed
      // unless the user sets it.
      body.client_display_name ??= body.app_name;
      const name = String(body.app_name);
      return createOnce({
        key: keyOf(name),
        label: `application "${name}"`,
        journal,
        log,
        run,
        kind: "application",
        findByName: async () =>
          (await api().applications.getAll())
            .filter((app) => app.app_name === name)
            .map((app) => ({ id: app.app_id, createdAt: app.created_at })),
        adopt: (id) => adopt(managed, id),
        post: async () => {
          const app = await api().applications.create(body);
          return { id: app.app_id, outs: outputsOf(managed, app) };
        },
        idOf: (result) => result.id,
        nameTaken: (existing, claimedThisRun) => nameTakenError("application", "Application", name, existing, claimedThisRun),
      });
    },

    async read(id, props = {}) {
      settle(id, props);
      // Application.get(name, id) passes no managed inputs: read every field the API returns.
      const isLookup = props.appId === undefined;
      let app: AppRecord;
      try {
        app = await api().applications.get({ app_id: parseApplicationId(id) });
      } catch (error) {
        if (!isNotFound(error)) throw error;
        if (isLookup)
          throw new MosaicResourceError(
            ResourceErrorCodes.LOOKUP_NOT_FOUND,
            `Application.get or pulumi import: no application with id "${id}" exists.`,
          );
        log.warn(
          `application ${id} no longer exists (deleted outside Pulumi); it is removed from the stack. ` +
            "The next `pulumi up` creates it again.",
        );
        return {};
      }
      const inputs = isLookup ? passingInputs(fields, fromApi(fields, app)) : fromApi(fields, app, pickFields(fields, props));
      return { id, props: outputsOf(inputs, app), inputs };
    },

    async update(id, olds, news) {
      settle(id, olds);
      const managed = pickFields(fields, news);
      const { toSend } = diffInputs(fields, olds, news);
      if (toSend.length === 0) {
        // Only local fields changed (or a field stopped being managed): nothing to tell the API.
        return { outs: { ...managed, ...only(olds, SERVER_OUTPUTS) } };
      }
      const app = await api().applications.update({ app_id: id }, toApi(fields, only(managed, toSend)));
      clients().forgetApplication(id);
      return { outs: outputsOf(managed, app) };
    },

    async delete(id, props) {
      settle(id, props);
      if (keptByThisRun(run, "application", id, `application ${id}`, log)) return;
      await deleteIgnoringNotFound(() => api().applications.delete({ app_id: id }));
      clients().forgetApplication(id);
    },
  };
}
