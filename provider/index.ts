// What the SDK's stubs call at run time: `require("pulumi-mosaic/provider").<resource>.<method>(...)`.
// This module never loads @pulumi/pulumi or sdk/ (DESIGN.md, "boundaries"), so the same handlers can later be served
// by a multi-language provider.
export { configure, type StackConfig } from "./context";
export { application } from "./resources/application/handlers";
export { client } from "./resources/client/handlers";
export { clientResources } from "./resources/client-resources/handlers";
export * from "./api";
