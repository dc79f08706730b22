import * as pulumi from "@pulumi/pulumi";
import {
  APPLICATION_INPUT_NAMES,
  APPLICATION_SECRET_OUTPUTS,
  APPLICATION_SERVER_OUTPUT_NAMES,
  type ApplicationArgs,
  type ApplicationServerOutputs,
} from "./generated";
import type { InputsAsOutputs } from "./outputs";
import { MosaicResource, type ResourceShape } from "./mosaic-resource";
import { applicationStub } from "./stubs";

export type { ApplicationArgs };

const shape: ResourceShape = {
  type: "Application",
  outputNames: [...APPLICATION_INPUT_NAMES, ...APPLICATION_SERVER_OUTPUT_NAMES],
  secretOutputs: APPLICATION_SECRET_OUTPUTS,
};

// Declaration merging: the class also has an output for every input (see outputs.ts) and every server output.
export interface Application extends InputsAsOutputs<ApplicationArgs>, ApplicationServerOutputs {}

/**
 * A Mosaic application. The API creates a default client with it: its id and secret are the `defaultClientId` and
 * `defaultClientSecret` outputs. To manage that client's settings, adopt it with
 * `new mosaic.Client(name, { applicationId: app.appId, importId: app.defaultClientId, ... })`.
 */
export class Application extends MosaicResource {
  /**
   * The application's ID (the resource id). Taken from the id rather than an output property so it stays known
   * while a preview shows this application being updated; otherwise every client would preview as replaced.
   */
  readonly appId: pulumi.Output<string>;

  /** Reads an existing application without managing it (`pulumi destroy` leaves it alone). */
  static get(name: string, appId: pulumi.Input<string>, opts?: pulumi.CustomResourceOptions): Application {
    // No args: the engine reads the object by id, and read() returns every field the API has.
    return new Application(name, {} as ApplicationArgs, { ...opts, id: appId });
  }

  constructor(name: string, args: ApplicationArgs, opts?: pulumi.CustomResourceOptions) {
    super(applicationStub, shape, name, args, opts);
    this.appId = this.id;
  }
}
