import * as pulumi from "@pulumi/pulumi";
import type { InputsAsOutputs } from "./outputs";
import { seedProps } from "./seed";
import { clientResourcesStub } from "./stubs";

/** Inputs of {@link ClientResources}. */
export interface ClientResourcesArgs {
  /** ID of the client's application. Changing it replaces this resource. */
  applicationId: pulumi.Input<string>;
  /** ID of the client. Changing it replaces this resource. */
  clientId: pulumi.Input<string>;
  /** IDs of the resources (APIs) the client may request access to. Managed as a whole list. */
  resourceIds: pulumi.Input<pulumi.Input<string>[]>;
}

export const CLIENT_RESOURCES_OUTPUT_NAMES: readonly string[] = ["applicationId", "clientId", "resourceIds"] satisfies (keyof ClientResourcesArgs)[];

// Declaration merging: the class also has an output for every input (see outputs.ts).
export interface ClientResources extends InputsAsOutputs<ClientResourcesArgs> {}

/** The resource list of one client. Destroying it empties the list; the client itself stays. */
export class ClientResources extends pulumi.dynamic.Resource {

  constructor(name: string, args: ClientResourcesArgs, opts?: pulumi.CustomResourceOptions) {
    super(clientResourcesStub, name, seedProps(CLIENT_RESOURCES_OUTPUT_NAMES, args), opts, "mosaic", "ClientResources");
  }
}
