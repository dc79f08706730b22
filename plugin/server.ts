// The mosaic resource provider as the Pulumi engine talks to it: a gRPC ResourceProvider service over the generated
// stubs in @pulumi/pulumi/proto, serving the handlers in provider/ (the same objects the dynamic SDK's stubs call).
// Why our own server rather than @pulumi/pulumi/provider's: docs/architecture.md#the-plugin-front-end.
//
// This layer adapts and adds no resource behaviour: it unwraps secrets before a handler sees a value, hands the
// Configure request to provider/'s configure(), marks as secret what the schema marks secret (and whatever arrived
// secret), cleans outputs for protobuf, and turns the handlers' partial-state errors into the engine's
// ErrorResourceInitFailed.
import * as grpc from "@grpc/grpc-js";
import * as anyproto from "google-protobuf/google/protobuf/any_pb";
import * as emptyproto from "google-protobuf/google/protobuf/empty_pb";
import * as structproto from "google-protobuf/google/protobuf/struct_pb";
import * as plugproto from "@pulumi/pulumi/proto/plugin_pb";
import * as provrpc from "@pulumi/pulumi/proto/provider_grpc_pb";
import * as provproto from "@pulumi/pulumi/proto/provider_pb";
import * as statusproto from "@pulumi/pulumi/proto/status_pb";
import * as provider from "../provider";
import type { ResourceHandlers } from "../provider/resources/handler-contract";
import { NameClaims, type NamedKind } from "../provider/resources/name-claims";
import type { Props } from "../provider/resources/props";
import { checkProviderConfig } from "./check-config";
import { stackConfigFrom } from "./config";
import { detailedDiff } from "./detailed-diff";
import { withUrn } from "./engine-log";
import { invokeLookup } from "./invoke";
import { clean, secretKeys, unwrap, withSecrets } from "./values";

type Handlers = ResourceHandlers;

/** The names claimed by the resources this process has checked (one process per deployment). */
const nameClaims = new NameClaims();
function namedKindOf(type: string): NamedKind | undefined {
  if (type === "mosaic:index:Application") return "application";
  if (type === "mosaic:index:Client") return "client";
  return undefined;
}
type Callback<T> = grpc.sendUnaryData<T>;
/** The methods served; the engine gets UNIMPLEMENTED for the others (call, construct, ...), as it expects. */
type Served = Pick<
  provrpc.IResourceProviderServer,
  | "handshake"
  | "getPluginInfo"
  | "getSchema"
  | "checkConfig"
  | "diffConfig"
  | "configure"
  | "check"
  | "diff"
  | "create"
  | "read"
  | "update"
  | "delete"
  | "invoke"
  | "cancel"
>;

interface PackageSchema {
  name: string;
  resources: Record<string, { properties?: Record<string, { secret?: boolean }>; inputProperties?: Record<string, { secret?: boolean }> }>;
}

export interface PluginOptions {
  /** The package schema as GetSchema returns it: schema.json, generated from the field model. */
  schemaText: string;
  version: string;
}

/** One resource type: its handlers and the outputs and inputs its schema marks secret. */
interface ResourceType {
  handlers: Handlers;
  secretOutputs: string[];
  /** Inputs kept secret in state even when the program passes them in the clear (a private key). */
  secretInputs: string[];
}

const secretNames = (properties: Record<string, { secret?: boolean }> | undefined): string[] =>
  Object.entries(properties ?? {})
    .filter(([, property]) => property.secret === true)
    .map(([property]) => property);

/** `mosaic:index:ClientResources` → provider.clientResources: every resource of the schema, none listed twice. */
function resourceTypes(schema: PackageSchema): Map<string, ResourceType> {
  const byName = provider as unknown as Record<string, Handlers | undefined>;
  const types = new Map<string, ResourceType>();
  for (const [token, spec] of Object.entries(schema.resources)) {
    const name = token.split(":")[2] ?? "";
    const handlers = byName[name.charAt(0).toLowerCase() + name.slice(1)];
    if (!handlers) throw new Error(`schema resource ${token} has no handlers in provider/index.ts`);
    types.set(token, { handlers, secretOutputs: secretNames(spec.properties), secretInputs: secretNames(spec.inputProperties) });
  }
  return types;
}

/** The type token of a URN: `urn:pulumi:<stack>::<project>::<parent$>...<type>::<name>`. */
export function typeOfUrn(urn: string): string {
  const qualified = urn.split("::")[2] ?? "";
  return qualified.slice(qualified.lastIndexOf("$") + 1);
}

const toProps = (struct: structproto.Struct | undefined): Props => (struct ? (struct.toJavaScript() as Props) : {});
const toStruct = (props: Props | undefined) => structproto.Struct.fromJavaScript(clean(props ?? {}) as Record<string, never>);

/** The engine's gRPC error for a failed call; a partial create (`id` + `properties`) keeps the object in state. */
function grpcError(error: unknown): grpc.ServiceError {
  const err = error as Error & { id?: string; properties?: Props; reasons?: string[]; outputsSecret?: string[] };
  const message = err instanceof Error ? err.message : String(error);
  const metadata = new grpc.Metadata();
  if (typeof err.id === "string" && err.id !== "") {
    const detail = new provproto.ErrorResourceInitFailed();
    detail.setId(err.id);
    detail.setProperties(toStruct(withSecrets(err.properties, err.outputsSecret ?? [])));
    detail.setReasonsList(err.reasons ?? [message]);
    const any = new anyproto.Any();
    any.pack(detail.serializeBinary(), "pulumirpc.ErrorResourceInitFailed");
    const status = new statusproto.Status();
    status.setCode(grpc.status.UNKNOWN);
    status.setMessage(message);
    status.addDetails(any);
    metadata.add("grpc-status-details-bin", Buffer.from(status.serializeBinary()));
  }
  return Object.assign(new Error(message), { code: grpc.status.UNKNOWN, details: message, metadata });
}

const checkFailures = (failures: ReadonlyArray<{ property: string; reason: string }>) =>
  failures.map((failure) => new provproto.CheckFailure().setProperty(failure.property).setReason(failure.reason));

/** Runs `work` (its messages under `urn`, when given) and answers the call with its result, or with the error it threw. */
function answer<T>(callback: Callback<T>, work: () => T | Promise<T>, urn?: string): void {
  Promise.resolve()
    .then(() => (urn ? withUrn(urn, work) : work()))
    .then(
      (response) => callback(null, response),
      (error: unknown) => callback(grpcError(error), null),
    );
}

export function providerService(options: PluginOptions): Served {
  const schema = JSON.parse(options.schemaText) as PackageSchema;
  const types = resourceTypes(schema);
  const typeOf = (urn: string, type?: string): ResourceType => {
    const token = type || typeOfUrn(urn);
    const found = types.get(token);
    if (!found) throw new Error(`unknown resource type ${token} (this provider serves ${[...types.keys()].join(", ")})`);
    return found;
  };

  const service: Served = {
    handshake(_call, callback) {
      answer(callback, () => new provproto.ProviderHandshakeResponse().setAcceptSecrets(true).setAcceptResources(false));
    },

    getPluginInfo(_call, callback) {
      answer(callback, () => new plugproto.PluginInfo().setVersion(options.version));
    },

    getSchema(call, callback) {
      answer(callback, () => {
        if (call.request.getVersion() !== 0) throw new Error(`unsupported schema version ${call.request.getVersion()}`);
        return new provproto.GetSchemaResponse().setSchema(options.schemaText);
      });
    },

    // The settings are validated up front (check-config.ts); the inputs pass through with their secrets.
    checkConfig(call, callback) {
      answer(callback, () => {
        const news = call.request.getNews() ?? new structproto.Struct();
        const failures = checkProviderConfig(news.toJavaScript(), process.env);
        return new provproto.CheckResponse().setInputs(news).setFailuresList(checkFailures(failures));
      });
    },

    // A config change never replaces the provider (that would replace every resource): the next run simply uses
    // the new settings.
    diffConfig(call, callback) {
      answer(callback, () => {
        const same = JSON.stringify(unwrap(toProps(call.request.getOlds()))) === JSON.stringify(unwrap(toProps(call.request.getNews())));
        const changes = same ? provproto.DiffResponse.DiffChanges.DIFF_NONE : provproto.DiffResponse.DiffChanges.DIFF_SOME;
        return new provproto.DiffResponse().setChanges(changes);
      });
    },

    configure(call, callback) {
      answer(callback, () => {
        const args = call.request.hasArgs() ? (call.request.getArgs()!.toJavaScript() as Record<string, unknown>) : undefined;
        const variables = new Map(call.request.getVariablesMap().toArray());
        provider.configure(stackConfigFrom(args, variables));
        return new provproto.ConfigureResponse().setAcceptsecrets(true).setAcceptresources(false).setSupportspreview(false);
      });
    },

    check(call, callback) {
      answer(
        callback,
        async () => {
          const req = call.request;
          const news = toProps(req.getNews());
          const type = typeOf(req.getUrn(), req.getType());
          const result = await type.handlers.check(unwrap(toProps(req.getOlds())) as Props, unwrap(news) as Props);
          // The engine stores the inputs Check returns: a secret input stays secret there whatever the program sent.
          const secrets = [...type.secretInputs, ...secretKeys(news)];
          const response = new provproto.CheckResponse().setInputs(toStruct(withSecrets(result.inputs ?? news, secrets)));
          // Check requests name their resource: two resources of the program with one name fail here, at preview.
          const kind = namedKindOf(req.getType() || typeOfUrn(req.getUrn()));
          const clash = kind && result.inputs && nameClaims.claim(kind, req.getUrn(), result.inputs as Props);
          response.setFailuresList(checkFailures([...(result.failures ?? []), ...(clash ? [clash] : [])]));
          return response;
        },
        call.request.getUrn(),
      );
    },

    diff(call, callback) {
      answer(
        callback,
        async () => {
          const req = call.request;
          const olds = unwrap(toProps(req.getOlds())) as Props;
          const news = unwrap(toProps(req.getNews())) as Props;
          const result = await typeOf(req.getUrn(), req.getType()).handlers.diff(req.getId(), olds, news);
          const { DIFF_SOME, DIFF_NONE, DIFF_UNKNOWN } = provproto.DiffResponse.DiffChanges;
          const changes = result.changes === true ? DIFF_SOME : result.changes === false ? DIFF_NONE : DIFF_UNKNOWN;
          const replaces = result.replaces ?? [];
          const response = new provproto.DiffResponse()
            .setChanges(changes)
            .setReplacesList(replaces)
            .setDeletebeforereplace(result.deleteBeforeReplace === true)
            .setDiffsList(result.diffs)
            .setHasdetaileddiff(true);
          const details = response.getDetaileddiffMap();
          for (const [name, kind] of detailedDiff(olds, news, result.diffs, replaces)) {
            details.set(name, new provproto.PropertyDiff().setKind(kind).setInputdiff(false));
          }
          return response;
        },
        call.request.getUrn(),
      );
    },

    create(call, callback) {
      answer(
        callback,
        async () => {
          const req = call.request;
          const inputs = toProps(req.getProperties());
          const type = typeOf(req.getUrn(), req.getType());
          const secrets = [...type.secretOutputs, ...secretKeys(inputs)];
          // The engine sends Create and Update during a preview too (preview: true), whatever Configure answered
          // about previews: answer with the inputs, unchanged, and call no handler.
          if (req.getPreview()) return new provproto.CreateResponse().setProperties(toStruct(inputs));
          try {
            const result = await type.handlers.create(unwrap(inputs) as Props);
            return new provproto.CreateResponse().setId(result.id).setProperties(toStruct(withSecrets(result.outs, secrets)));
          } catch (error) {
            throw Object.assign(error as object, { outputsSecret: secrets });
          }
        },
        call.request.getUrn(),
      );
    },

    read(call, callback) {
      answer(
        callback,
        async () => {
          const req = call.request;
          // An import sends no properties at all: the handlers read such a call as a lookup of every field.
          const props = toProps(req.getProperties());
          const oldInputs = toProps(req.getInputs());
          const type = typeOf(req.getUrn(), req.getType());
          const result = await type.handlers.read(req.getId(), unwrap(props) as Props);
          const response = new provproto.ReadResponse().setId(result.id ?? "");
          if (!result.id) return response;
          response.setProperties(toStruct(withSecrets(result.props, [...type.secretOutputs, ...secretKeys(props)])));
          if (result.inputs) response.setInputs(toStruct(withSecrets(result.inputs, [...type.secretInputs, ...secretKeys(oldInputs)])));
          return response;
        },
        call.request.getUrn(),
      );
    },

    update(call, callback) {
      answer(
        callback,
        async () => {
          const req = call.request;
          const news = toProps(req.getNews());
          const type = typeOf(req.getUrn(), req.getType());
          if (req.getPreview()) return new provproto.UpdateResponse().setProperties(toStruct(news));
          const result = await type.handlers.update(req.getId(), unwrap(toProps(req.getOlds())) as Props, unwrap(news) as Props);
          return new provproto.UpdateResponse().setProperties(
            toStruct(withSecrets(result.outs, [...type.secretOutputs, ...secretKeys(news)])),
          );
        },
        call.request.getUrn(),
      );
    },

    delete(call, callback) {
      answer(
        callback,
        async () => {
          const req = call.request;
          await typeOf(req.getUrn(), req.getType()).handlers.delete(req.getId(), unwrap(toProps(req.getProperties())) as Props);
          return new emptyproto.Empty();
        },
        call.request.getUrn(),
      );
    },

    invoke(call, callback) {
      answer(callback, async () => {
        const result = await invokeLookup(call.request.getTok(), toProps(call.request.getArgs()));
        return new provproto.InvokeResponse().setReturn(toStruct(result));
      });
    },
    cancel(_call, callback) {
      answer(callback, () => new emptyproto.Empty());
    },
  };
  return service;
}

/** Serves the provider on 127.0.0.1 at a free port and returns the port (the engine reads it from stdout). */
export async function serve(options: PluginOptions): Promise<{ port: number; server: grpc.Server }> {
  // The engine sends whole resource states in one message; the SDK's own servers allow 400 MiB.
  const server = new grpc.Server({ "grpc.max_receive_message_length": 400 * 1024 * 1024 });
  server.addService(provrpc.ResourceProviderService, providerService(options));
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound))),
  );
  return { port, server };
}
