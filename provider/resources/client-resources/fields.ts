// The field model of mosaic.ClientResources: the resource list of one client, managed through
// PUT /v1/applications/{appId}/clients/{clientId}/resources (docs/api-behaviour.md#operations, operation 14). Every input is an output
// too; the API computes nothing else.
import { list, nonEmptyText, resourceModel, value, type FieldMap } from "../field-spec";

export const clientResourcesFields: FieldMap = {
  applicationId: value("", nonEmptyText(), "ID of the client's application.", { required: true, replaceOnChange: true, localOnly: true }),
  clientId: value("", nonEmptyText(), "ID of the client whose resource list this is (`web.clientId`, or `app.defaultClientId`).", {
    required: true,
    replaceOnChange: true,
    localOnly: true,
  }),
  resourceIds: value(
    "resource_ids",
    list(nonEmptyText()),
    "IDs of the resources (APIs) the client may request access to. The list is managed whole; the API returns it as `resources`.",
    { required: true },
  ),
};

export const clientResourcesModel = resourceModel({
  name: "ClientResources",
  doc:
    "The list of resources (APIs) one client may request access to, managed as a whole list. " +
    "Destroying it empties the list; the client stays.",
  inputGroups: { all: clientResourcesFields },
  outputs: {},
});
