import * as pulumi from "@pulumi/pulumi";
import {
  CLIENT_INPUT_NAMES,
  CLIENT_SECRET_OUTPUTS,
  CLIENT_SERVER_OUTPUT_NAMES,
  type ClientArgs,
  type ClientServerOutputs,
} from "./generated";
import type { InputsAsOutputs } from "./outputs";
import { MosaicResource, type ResourceShape } from "./mosaic-resource";
import { clientStub } from "./stubs";

export type { ClientArgs };

const shape: ResourceShape = {
  type: "Client",
  outputNames: [...CLIENT_INPUT_NAMES, ...CLIENT_SERVER_OUTPUT_NAMES],
  secretOutputs: CLIENT_SECRET_OUTPUTS,
};

// Declaration merging: the class also has an output for every input (see outputs.ts) and every server output.
export interface Client extends InputsAsOutputs<ClientArgs>, ClientServerOutputs {}

/**
 * An OIDC or SAML client of a Mosaic application. Its `clientSecret` output is a Pulumi secret. See docs/client.md
 * for which changes update in place and which replace.
 */
export class Client extends MosaicResource {
  /**
   * The client's ID, from the resource id "<applicationId>/<clientId>": the engine knows the id while previewing an
   * update, so resources that use clientId (such as ClientResources) do not preview as replaced.
   */
  readonly clientId: pulumi.Output<string>;

  /** Reads an existing client without managing it. `id` is "<applicationId>/<clientId>". */
  static get(name: string, id: pulumi.Input<string>, opts?: pulumi.CustomResourceOptions): Client {
    return new Client(name, {} as ClientArgs, { ...opts, id });
  }

  constructor(name: string, args: ClientArgs, opts?: pulumi.CustomResourceOptions) {
    super(clientStub, shape, name, args, opts);
    this.clientId = this.id.apply((id) => id.slice(id.indexOf("/") + 1));
  }
}
