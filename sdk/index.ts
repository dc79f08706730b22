// What Pulumi programs import: `import * as mosaic from "pulumi-mosaic"`.
export { Application, type ApplicationArgs } from "./application";
export { Client, type ClientArgs } from "./client";
export { ClientResources, type ClientResourcesArgs } from "./client-resources";
export { SigningKey, type SigningKeyArgs } from "./signing-key";
// The nested input types and enum unions, for programs that build inputs separately.
export type * from "./generated";
// Lookups: read objects without managing them (docs/lookups.md).
export * from "./lookups";
