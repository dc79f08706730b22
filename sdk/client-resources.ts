import * as pulumi from "@pulumi/pulumi";
import { CLIENT_RESOURCES_INPUT_NAMES, type ClientResourcesArgs } from "./generated";
import type { InputsAsOutputs } from "./outputs";
import { MosaicResource, type ResourceShape } from "./mosaic-resource";
import { clientResourcesStub } from "./stubs";

export type { ClientResourcesArgs };

// Declaration merging: the class also has an output for every input (see outputs.ts); the API computes nothing else.
export interface ClientResources extends InputsAsOutputs<ClientResourcesArgs> {}

const shape: ResourceShape = { type: "ClientResources", outputNames: CLIENT_RESOURCES_INPUT_NAMES, secretOutputs: [] };

/** The resource list of one client. Destroying it empties the list; the client itself stays. */
export class ClientResources extends MosaicResource {
  constructor(name: string, args: ClientResourcesArgs, opts?: pulumi.CustomResourceOptions) {
    super(clientResourcesStub, shape, name, args, opts);
  }
}
