// provider/'s messages ("client x no longer exists", retries) as engine diagnostics under the resource being handled.
// The engine does not show a plugin's stderr (docs/engine-behaviour.md#the-plugin-protocol), so the plugin sends each
// line through the engine's Log service, at the address the engine passes as the plugin's first argument, with the
// URN of the request in progress (kept per request with AsyncLocalStorage, so concurrent requests do not mix).
import { AsyncLocalStorage } from "node:async_hooks";
import * as grpc from "@grpc/grpc-js";
import * as enginerpc from "@pulumi/pulumi/proto/engine_grpc_pb";
import * as engineproto from "@pulumi/pulumi/proto/engine_pb";
import type { LogSink } from "../provider";

const currentUrn = new AsyncLocalStorage<string>();

/** Runs `work` with `urn` as the resource its messages belong to. */
export function withUrn<T>(urn: string, work: () => T): T {
  return currentUrn.run(urn, work);
}

/** A sink that logs to the engine at `address`; a line the engine does not take goes to stderr instead. */
export function engineLogSink(address: string): LogSink {
  const engine = new enginerpc.EngineClient(address, grpc.credentials.createInsecure());
  return (severity, line) => {
    const request = new engineproto.LogRequest()
      .setSeverity(severity === "warning" ? engineproto.LogSeverity.WARNING : engineproto.LogSeverity.INFO)
      .setMessage(line)
      .setUrn(currentUrn.getStore() ?? "");
    engine.log(request, (error) => {
      if (error) console.error(line);
    });
  };
}
