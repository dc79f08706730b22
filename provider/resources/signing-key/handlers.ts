// check / diff / create / read / update / delete for mosaic.SigningKey (docs/signing-keys.md). The Pulumi id is
// "<applicationId>/<signingKeyId>". The API has no single-key read: read goes through the application's key list.
// Create is the vendor's create (Mosaic generates the key) or upload (`jwk` given); a status other than the one the
// key starts with is set by an update right after. The JWK never reaches a message: errors name fields and ids only.
import type { SigningKeyRecord, UpdateSigningKeyInput } from "../../api";
import { checkInputs, forEngine } from "../check";
import { applicationScopedKeys, CreateJournal } from "../create-journal";
import { createOnce } from "../create-once";
import { diffInputs, fieldsToConverge } from "../diff";
import { MosaicResourceError, ResourceErrorCodes } from "../errors";
import { fromApi, pickFields, toApi } from "../field-mapping";
import { serverOutputsFrom } from "../field-spec";
import type { HandlerDeps, ResourceHandlers } from "../handler-contract";
import { deleteIgnoringNotFound, importNotFoundError, isNotFound, nameTakenError, partialCreateError } from "../outcomes";
import { asProps, definedOnly, omit, only, type Props } from "../props";
import { parseSigningKeyResourceId, signingKeyResourceId } from "../resource-ids";
import { keptByThisRun, RunRegistry } from "../run-registry";
import { signingKeyModel } from "./fields";

const fields = signingKeyModel.inputs;
const SERVER_OUTPUTS = Object.keys(signingKeyModel.outputs);
/** The fields an update can change (`UpdateTokenSigningKey`); everything else replaces the key. */
const UPDATABLE = ["name", "status"];
/** What a lookup can read back: everything else is local (applicationId, importId) or never returned (jwk). */
const UPDATABLE_FIELDS = { name: fields.name!, status: fields.status! };

function outputsOf(managed: Props, key: SigningKeyRecord): Props {
  return definedOnly({ ...managed, ...serverOutputsFrom(signingKeyModel.outputs, key) });
}

/** A key the program adopts was not uploaded from its `jwk`, and the API cannot tell: refuse the pair at preview. */
function importWithJwkFailures(inputs: Props): { property: string; reason: string }[] {
  if (inputs.importId === undefined || inputs.jwk === undefined) return [];
  return [
    {
      property: "jwk",
      reason:
        "cannot be set together with importId: the API never returns a key's material, so an adopted key cannot be checked " +
        "against it; remove jwk to adopt the key, or remove importId to upload a new one",
    },
  ];
}

export function signingKeyHandlers({
  api,
  log,
  run = new RunRegistry(),
  journal = new CreateJournal(undefined),
}: HandlerDeps): ResourceHandlers {
  const { keyOf, settle } = applicationScopedKeys("signingKey", () => api().settings, journal);

  /** Sets the managed fields the key does not have yet; the key exists, so a failure keeps its id in state. */
  async function converge(applicationId: string, key: SigningKeyRecord, current: Props, managed: Props, step: string) {
    const toSend = fieldsToConverge(fields, current, managed).filter((name) => UPDATABLE.includes(name));
    if (toSend.length === 0) return key;
    try {
      return await api().signingKeys.update(
        { app_id: applicationId, key_id: key.id },
        toApi<UpdateSigningKeyInput>(fields, only(managed, toSend)),
      );
    } catch (error) {
      const id = signingKeyResourceId(applicationId, key.id);
      throw partialCreateError("SigningKey", id, omit(outputsOf(current, key), ["jwk"]), step, error);
    }
  }

  async function adopt(managed: Props, applicationId: string, keyId: string) {
    const key = await api().signingKeys.find({ app_id: applicationId, key_id: keyId });
    if (!key) throw importNotFoundError(`signing key of application ${applicationId}`, keyId);
    const current = { ...fromApi(fields, key, managed), applicationId };
    const updated = await converge(applicationId, key, current, managed, "updating it to match the program");
    return { id: signingKeyResourceId(applicationId, key.id), outs: outputsOf(managed, updated) };
  }

  return {
    async check(_olds, news) {
      const outcome = checkInputs(fields, news);
      if (outcome.failures.length === 0) outcome.failures.push(...importWithJwkFailures(outcome.inputs));
      return forEngine(outcome);
    },

    async diff(id, olds, news) {
      settle(id, olds);
      const { changed, replaces } = diffInputs(fields, olds, news);
      if (replaces.length > 0 && asProps(news).importId !== undefined) {
        throw new MosaicResourceError(
          ResourceErrorCodes.REPLACE_WITH_IMPORT_ID,
          `This change (${replaces.join(", ")}) replaces the signing key, but importId is still set, so the replacement would ` +
            "adopt the same key again. Remove importId (the key is already managed) and run again.",
        );
      }
      // Names are unique within an application (409): a replacement that keeps the name in the same application
      // deletes the old key first; a rename in the same change keeps create-before-delete, so tokens keep validating.
      const sameSlot = !changed.includes("name") && !changed.includes("applicationId");
      return { changes: changed.length > 0, replaces, deleteBeforeReplace: replaces.length > 0 && sameSlot, diffs: changed };
    },

    async create(inputs) {
      const managed = pickFields(fields, inputs);
      const applicationId = String(managed.applicationId);
      if (typeof managed.importId === "string") {
        const adopted = await adopt(managed, applicationId, managed.importId);
        run.claim("signingKey", adopted.id, "adopted with importId");
        return adopted;
      }
      const name = String(managed.name);
      const jwk = managed.jwk as Record<string, unknown> | undefined;
      return createOnce({
        key: keyOf(applicationId, name),
        label: `signing key "${name}" of application ${applicationId}`,
        journal,
        log,
        run,
        kind: "signingKey",
        findByName: async () =>
          (await api().signingKeys.getAll({ app_id: applicationId }))
            .filter((key) => key.name === name)
            .map((key) => ({ id: signingKeyResourceId(applicationId, key.id), createdAt: key.created_at })),
        adopt: (id) => adopt(managed, applicationId, parseSigningKeyResourceId(id).keyId),
        post: async () => {
          const created = jwk
            ? await api().signingKeys.upload({ app_id: applicationId }, { name, jwk })
            : await api().signingKeys.create({ app_id: applicationId }, { name });
          const current = { ...fromApi(fields, created, managed), applicationId };
          const key = await converge(applicationId, created, current, managed, "setting its status");
          return { id: signingKeyResourceId(applicationId, key.id), outs: outputsOf(managed, key) };
        },
        idOf: (result) => result.id,
        nameTaken: (existing, claimedThisRun) =>
          nameTakenError(
            `signing key in application ${applicationId}`,
            "SigningKey",
            name,
            existing && { ...existing, id: parseSigningKeyResourceId(existing.id).keyId },
            claimedThisRun,
          ),
      });
    },

    async read(id, props = {}) {
      settle(id, props);
      const { applicationId, keyId } = parseSigningKeyResourceId(id);
      // `pulumi import` and SigningKey.get pass no managed inputs: read every field the API returns.
      const isLookup = props.name === undefined;
      const found = await api()
        .signingKeys.find({ app_id: applicationId, key_id: keyId })
        // An application that is gone (404 on its key list) took its keys with it.
        .catch((error: unknown) => (isNotFound(error) ? undefined : Promise.reject(error)));
      if (!found) {
        if (isLookup) {
          throw new MosaicResourceError(
            ResourceErrorCodes.LOOKUP_NOT_FOUND,
            `SigningKey.get or pulumi import: no signing key "${keyId}" exists in application "${applicationId}".`,
          );
        }
        log.warn(
          `signing key ${keyId} of application ${applicationId} no longer exists (deleted outside Pulumi); it is removed from the ` +
            "stack. The next `pulumi up` creates it again.",
        );
        return {};
      }
      const inputs = isLookup
        ? { ...fromApi(UPDATABLE_FIELDS, found), applicationId }
        : { ...fromApi(fields, found, pickFields(fields, props)), applicationId };
      return { id, props: outputsOf(inputs, found), inputs };
    },

    async update(id, olds, news) {
      settle(id, olds);
      const { applicationId, keyId } = parseSigningKeyResourceId(id);
      const managed = pickFields(fields, news);
      const toSend = diffInputs(fields, olds, news).toSend.filter((name) => UPDATABLE.includes(name));
      if (toSend.length === 0) return { outs: { ...managed, ...only(olds, SERVER_OUTPUTS) } };
      const updated = await api().signingKeys.update(
        { app_id: applicationId, key_id: keyId },
        toApi<UpdateSigningKeyInput>(fields, only(managed, toSend)),
      );
      return { outs: outputsOf(managed, updated) };
    },

    async delete(id, props) {
      settle(id, props);
      const { applicationId, keyId } = parseSigningKeyResourceId(id);
      if (keptByThisRun(run, "signingKey", id, `signing key ${keyId} of application ${applicationId}`, log)) return;
      // An application that is already gone took its keys with it.
      await deleteIgnoringNotFound(() => api().signingKeys.delete({ app_id: applicationId, key_id: keyId }));
    },
  };
}
