// Renaming resources through the real engine (docs/README.md#renaming-resources): a rename without aliases fails
// before anything is deleted and says to use aliases; with aliases nothing is written; a rename that adopts the
// object with importId keeps it although the same deployment deletes the old resource; two resources with one name
// in one program fail, saying so.
import { afterAll, describe, expect, it } from "vitest";
import { createMosaicStack, mosaic, type MosaicStack } from "./support/mosaic-stack";
import { failureOf } from "./support/engine";

type Dump = { applications: any[]; clients: any[] };

interface Shape {
  appResource: string;
  clientResource: string;
  aliases?: boolean;
  appImportId?: string;
  clientImportId?: string;
  duplicateClient?: boolean;
}

describe("renaming resources", () => {
  let test: MosaicStack;
  afterAll(async () => {
    await test?.dispose();
  });

  it("without aliases fails naming aliases first; with aliases writes nothing; adopt-then-delete keeps the objects", async () => {
    const shape: Shape = { appResource: "portal", clientResource: "web" };
    let previous: Shape = shape;
    test = await createMosaicStack({
      projectName: "rename",
      program: async () => {
        const app = new mosaic.Application(
          shape.appResource,
          { appName: "Rename portal", importId: shape.appImportId },
          shape.aliases ? { aliases: [{ name: previous.appResource }] } : {},
        );
        const web = new mosaic.Client(
          shape.clientResource,
          { applicationId: app.appId, name: "web", redirectUris: ["https://rename.example.com/cb"], importId: shape.clientImportId },
          shape.aliases ? { aliases: [{ name: previous.clientResource }] } : {},
        );
        if (shape.duplicateClient) {
          for (const resource of ["mobile-a", "mobile-b"]) {
            new mosaic.Client(resource, { applicationId: app.appId, name: "mobile", redirectUris: ["https://rename.example.com/m"] });
          }
        }
        return { appId: app.appId, clientId: web.clientId };
      },
    });
    const { stack, capture, emulator } = test;
    const first = await stack.up({ ...capture });
    const appId = first.outputs.appId.value as string;
    const clientId = first.outputs.clientId.value as string;
    const objects = () => emulator.admin.dump() as Dump;
    const stillThere = () => {
      expect(objects().applications.map((a) => a.app_id)).toEqual([appId]);
      expect(
        objects()
          .clients.filter((c) => c.name === "web")
          .map((c) => c.client_id),
      ).toEqual([clientId]);
    };

    // 1. Renamed without aliases: the create of the new name clashes; nothing is deleted.
    Object.assign(shape, { clientResource: "web-renamed" });
    const error = await failureOf(stack.up({ ...capture }));
    const message = String(error?.message);
    expect(message).toContain("[MOSAIC_NAME_TAKEN]");
    expect(message).toContain('aliases: [{ name: "<old name>" }]');
    expect(message.indexOf("aliases")).toBeLessThan(message.indexOf(`importId: "${clientId}"`));
    stillThere();

    // 2. The same rename with aliases: a no-op for the API.
    previous = { appResource: "portal", clientResource: "web" };
    Object.assign(shape, { appResource: "portal-renamed", aliases: true });
    emulator.admin.clearLog();
    const aliased = await stack.up({ ...capture });
    expect(aliased.outputs.clientId.value).toBe(clientId);
    const writes = emulator.admin.requestLog().filter((e) => e.method !== "GET" && e.route !== "/oidc/token");
    expect(writes).toEqual([]);
    stillThere();

    // 3. Renamed again, this time without aliases but adopting the objects with importId: the engine creates the
    // new resources (adoption) and deletes the old ones in the same deployment; the objects must survive.
    Object.assign(shape, {
      appResource: "portal-3",
      clientResource: "web-3",
      aliases: false,
      appImportId: appId,
      clientImportId: clientId,
    });
    const logStart = test.logs.length;
    const adopted = await stack.up({ ...capture });
    expect(adopted.summary.resourceChanges).toMatchObject({ create: 2, delete: 2 });
    expect(emulator.admin.requestCounts()["DELETE /v1/applications/:appId"]).toBeUndefined();
    expect(emulator.admin.requestCounts()["DELETE /v1/applications/:appId/clients/:clientId"]).toBeUndefined();
    stillThere();
    const printed = test.logs.slice(logStart).join("");
    expect(printed).toContain(`application ${appId} is not deleted: another resource of this deployment adopted it (importId)`);
    expect(printed).toContain(`client ${clientId} of application ${appId} is not deleted`);
    await stack.refresh({ ...capture, expectNoChanges: true });

    // 4. Two new Clients with one name in one application: the second create fails saying so.
    Object.assign(shape, { duplicateClient: true });
    const twin = await failureOf(stack.up({ ...capture }));
    expect(String(twin?.message)).toContain("two Client resources of one program have the same name");
    stillThere();
    expect(objects().clients.filter((c) => c.name === "mobile")).toHaveLength(1);
  });
});
