// mosaic.ClientResources's dynamic provider as a module of its own, so that state can refer to it by name
// (`pulumi-mosaic/dist/sdk/dynamic/client-resources.js`, sdk/stubs.ts). The object is the whole module.exports.
import { stubFor } from "./stub-for";

module.exports = stubFor("clientResources");
