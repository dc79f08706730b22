import * as pulumi from "@pulumi/pulumi";
import { CLIENT_RESOURCES_INPUT_NAMES, type ClientResourcesArgs } from "./generated";
import type { InputsAsOutputs } from "./outputs";
import { seedProps } from "./seed";
import { clientResourcesStub } from "./stubs";

export type { ClientResourcesArgs };

// Declaration merging: the class also has an output for every input (see outputs.ts); the API computes nothing else.
export interface ClientResources extends InputsAsOutputs<ClientResourcesArgs> {}

/** The resource list of one client. Destroying it empties the list; the client itself stays. */
export class ClientResources extends pulumi.dynamic.Resource {
  constructor(name: string, args: ClientResourcesArgs, opts?: pulumi.CustomResourceOptions) {
    super(clientResourcesStub, name, seedProps(CLIENT_RESOURCES_INPUT_NAMES, args), opts, "mosaic", "ClientResources");
  }
}
