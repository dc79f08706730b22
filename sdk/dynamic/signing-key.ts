// mosaic.SigningKey's dynamic provider as a module of its own, so that state can refer to it by name
// (`pulumi-mosaic/dist/sdk/dynamic/signing-key.js`, sdk/stubs.ts). The object is the whole module.exports.
import { stubFor } from "./stub-for";

module.exports = stubFor("signingKey");
