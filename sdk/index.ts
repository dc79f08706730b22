// What Pulumi programs import: `import * as mosaic from "pulumi-mosaic"`.
export { Application, type ApplicationArgs } from "./application";
export { Client, type ClientArgs } from "./client";
export { ClientResources, type ClientResourcesArgs } from "./client-resources";
