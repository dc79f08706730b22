import * as pulumi from "@pulumi/pulumi";

/** What a resource class tells {@link MosaicResource}: its type name, every output key, and which are secret. */
export interface ResourceShape {
  readonly type: "Application" | "Client" | "ClientResources" | "SigningKey";
  /** Every input and server output: each becomes an output property of the resource object. */
  readonly outputNames: readonly string[];
  readonly secretOutputs: readonly string[];
}

/**
 * The base of every dynamic resource class in this SDK: it seeds every output key and registers the resource with
 * Pulumi's Node SDK, without the SDK's per-output stack traces.
 *
 * The SDK creates an output only for keys present in the props passed to the constructor, so every output key is
 * seeded with `undefined` and the user's args then override the input keys
 * (docs/engine-behaviour.md#output-properties). For each output it creates four promises and captures and formats a
 * stack trace for each one, kept only for its promise-leak report. With 26 outputs on an application and 45 on a
 * client that was most of a program's CPU (docs/performance.md#program-cpu), so the registration runs with
 * `Error.stackTraceLimit` at 0. That is synchronous and restored at once, so nothing else sees the change. The SDK's
 * own source-position capture sets its own limit and is unaffected. An error thrown while registering gets the stack
 * of this constructor instead, so it still points at the program's `new ...` line.
 */
export abstract class MosaicResource extends pulumi.dynamic.Resource {
  protected constructor(
    stub: pulumi.dynamic.ResourceProvider,
    shape: ResourceShape,
    name: string,
    args: object,
    opts: pulumi.CustomResourceOptions | undefined,
  ) {
    const props = seedProps(shape.outputNames, args);
    const options =
      shape.secretOutputs.length === 0 ? opts : pulumi.mergeOptions(opts, { additionalSecretOutputs: [...shape.secretOutputs] });
    const stackTraceLimit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
      super(stub, name, props, options, "mosaic", shape.type);
    } catch (err) {
      Error.stackTraceLimit = stackTraceLimit;
      if (err instanceof Error) Error.captureStackTrace(err);
      throw err;
    } finally {
      Error.stackTraceLimit = stackTraceLimit;
    }
  }
}

// A fresh object every time: the SDK adds `__provider` to it.
function seedProps(outputNames: readonly string[], args: object): Record<string, unknown> {
  const props: Record<string, unknown> = {};
  for (const name of outputNames) props[name] = undefined;
  return Object.assign(props, args);
}
