// Every resource type's field model, in the order the SDK, the docs and the package schema list them.
import { applicationModel } from "./application/fields";
import { clientResourcesModel } from "./client-resources/fields";
import { clientModel } from "./client/fields";
import { signingKeyModel } from "./signing-key/fields";
import type { ResourceModel } from "./field-spec";

export const RESOURCE_MODELS: readonly ResourceModel[] = [applicationModel, clientModel, clientResourcesModel, signingKeyModel];
