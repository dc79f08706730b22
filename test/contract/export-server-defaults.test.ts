// The field model's `serverDefault`s (what `mosaic-export` leaves out) checked against what the emulator answers for
// objects created with no optional field: every field such an object comes back with has a declared default equal to
// it, and every declared default is what came back. A field the read leaves out has no default to declare.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MosaicClient } from "../../provider/api";
import { applicationModel } from "../../provider/resources/application/fields";
import { clientModel } from "../../provider/resources/client/fields";
import { fromApi } from "../../provider/resources/field-mapping";
import type { FieldMap } from "../../provider/resources/field-spec";
import { clientFor, uniqueName, withEmulator, type Emulator } from "./support/api-support";

let emu: Emulator;
let api: MosaicClient;
beforeAll(async () => {
  emu = await withEmulator();
  api = clientFor(emu);
});
afterAll(async () => {
  await api?.close();
  await emu?.close();
});

/** Field -> [what the minimal object read back, its declared serverDefault], for the fields `sent` did not set. */
function defaultsSeen(fields: FieldMap, record: Record<string, unknown>, sent: string[]) {
  const read = fromApi(fields, record);
  const returned = Object.keys(read).filter((name) => !sent.includes(name) && !fields[name].mirrorsDefaultClient);
  const declared = Object.keys(fields).filter((name) => fields[name].serverDefault !== undefined && !sent.includes(name));
  return {
    returned: Object.fromEntries(returned.map((name) => [name, read[name]])),
    declared: Object.fromEntries(declared.map((name) => [name, fields[name].serverDefault])),
  };
}

describe("server defaults in the field model", () => {
  it("an application created with only its name", async () => {
    const name = uniqueName("defaults");
    const app = await api.applications.create({ app_name: name, client_display_name: name });
    const { returned, declared } = defaultsSeen(applicationModel.inputs, app, ["appName"]);
    expect(returned).toEqual(declared);
  });

  it("an OIDC client created with only its name and redirect URIs", async () => {
    const app = await api.applications.create({ app_name: uniqueName("oidc"), client_display_name: "d" });
    const client = await api.clients.create({ app_id: app.app_id }, { name: "web", redirect_uris: ["https://a.example.com/cb"] });
    const { returned, declared } = defaultsSeen(clientModel.inputs, client, ["name", "redirectUris"]);
    const oidcOrCommon = (name: string) => !(name in clientModel.inputGroups.saml);
    expect(returned).toEqual(Object.fromEntries(Object.entries(declared).filter(([name]) => oidcOrCommon(name))));
  });

  it("a SAML client created with only its name and entity id", async () => {
    const app = await api.applications.create({ app_name: uniqueName("saml"), client_display_name: "d" });
    const client = await api.clients.create(
      { app_id: app.app_id },
      { name: "sso", authentication_protocol: "saml", sp_entity_id: "urn:defaults" },
    );
    const { returned, declared } = defaultsSeen(clientModel.inputs, client, ["name", "authenticationProtocol", "spEntityId"]);
    // The OIDC fields have no value on a SAML client; prompts are write-only there.
    const samlOrCommon = (name: string) => !(name in clientModel.inputGroups.oidc);
    expect(returned).toEqual(Object.fromEntries(Object.entries(declared).filter(([name]) => samlOrCommon(name))));
  });
});
