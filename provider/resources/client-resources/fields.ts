// Inputs of mosaic.ClientResources: the resource list of one client, managed through
// PUT /v1/applications/{appId}/clients/{clientId}/resources (api-notes §2, operation 14).
import { list, nonEmptyText, value, type FieldMap } from "../field-spec";

export const clientResourcesFields: FieldMap = {
  applicationId: value("", nonEmptyText(), "ID of the client's application. Changing it replaces this resource.", { required: true, replaceOnChange: true, localOnly: true }),
  clientId: value("", nonEmptyText(), "ID of the client whose resources are managed. Changing it replaces this resource.", { required: true, replaceOnChange: true, localOnly: true }),
  resourceIds: value("resources", list(nonEmptyText()), "IDs of the resources (APIs) the client may request access to. The list is managed whole.", { required: true }),
};
