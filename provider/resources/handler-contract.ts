// What every resource's handlers are and what they are built from. The method signatures are the dynamic
// provider's own (imported as types only: provider/ never loads @pulumi/pulumi at run time), so the compiler checks
// that each handler takes and returns what the engine expects. Dependencies are passed in rather than reached
// through module state, so contract tests drive the handlers in process against an emulator.
import type { DiffResult, ResourceProvider } from "@pulumi/pulumi/dynamic";
import type { MosaicClient } from "../api";
import type { ProviderLog } from "../log";
import type { ClientDirectory } from "./client-directory";
import type { CreateJournal } from "./create-journal";
import type { Props } from "./props";
import type { RunRegistry } from "./run-registry";

/**
 * A diff as the dynamic provider returns it, plus the managed fields that differ: the plugin reports them to the
 * engine per property (detailedDiff); the dynamic-provider host, which has no place for them, ignores them.
 */
export interface HandlerDiff extends DiffResult {
  readonly diffs: string[];
}

/** check / diff / create / read / update / delete of one resource type. */
export type ResourceHandlers = Required<Omit<ResourceProvider<Props, Props>, "configure" | "diff">> & {
  diff(id: string, olds: Props, news: Props): Promise<HandlerDiff>;
};

export interface HandlerDeps {
  /** The API client for the current settings (`configure()` may change them between calls, so it is looked up each time). */
  api(): MosaicClient;
  /** Client operations of that API client, with refresh reads coalesced per application (client-directory.ts). */
  clients(): ClientDirectory;
  log: ProviderLog;
  /** Objects adopted or created by this process's deployment, which its deletes keep (run-registry.ts). Default: a new one. */
  run?: RunRegistry;
  /** Create intents for crash recovery (create-journal.ts). Default: none kept. */
  journal?: CreateJournal;
}
