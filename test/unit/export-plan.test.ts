// mosaic-export's pure parts: names, which fields are written, and the three renderings of a plan.
import ts from "typescript";
import { describe, expect, it } from "vitest";
import YAML from "yaml";
import { exportedInputs } from "../../export/exported-inputs";
import { identifier, slug, uniqueNames } from "../../export/names";
import { planExport } from "../../export/plan";
import type { TenantApplication } from "../../export/read-tenant";
import { renderImportFile } from "../../export/render-import";
import { renderTypeScript } from "../../export/render-typescript";
import { renderYaml } from "../../export/render-yaml";
import { progressReporter } from "../../export/progress";
import type { AppRecord, ClientRecord, SigningKeyRecord } from "../../provider/api";
import { applicationModel } from "../../provider/resources/application/fields";
import { clientModel } from "../../provider/resources/client/fields";
import { clientRules } from "../../provider/resources/client/rules";

describe("names", () => {
  it("slugs object names into readable, valid resource names", () => {
    expect(slug("Customer Portal (EU)", "app")).toBe("customer-portal-eu");
    expect(slug("Café Ünïcode", "app")).toBe("cafe-unicode");
    expect(slug("!!!", "app")).toBe("app");
    expect(slug("x".repeat(100), "app")).toHaveLength(60);
  });

  it("disambiguates collisions by id, the oldest keeping the plain name, whatever the input order", () => {
    const objects = [
      { id: "bbb222", base: "portal", createdAt: "2024-02-01T00:00:00.000Z" },
      { id: "aaa111", base: "portal", createdAt: "2024-01-01T00:00:00.000Z" },
      { id: "ccc333", base: "web" },
    ];
    expect(uniqueNames(objects)).toEqual(["portal-bbb222", "portal", "web"]);
    expect(uniqueNames([...objects].reverse())).toEqual(["web", "portal", "portal-bbb222"]);
    // Adding a newer object with the same slug renames nothing that existed.
    expect(uniqueNames([...objects, { id: "ddd444", base: "portal", createdAt: "2025-01-01T00:00:00.000Z" }])).toEqual([
      "portal-bbb222",
      "portal",
      "web",
      "portal-ddd444",
    ]);
    expect(uniqueNames([{ id: "x1", base: "web" }], new Set(["web"]))).toEqual(["web-x1"]);
  });

  it("turns names into unique identifiers that are not reserved words", () => {
    const taken = new Set<string>();
    expect(identifier("customer-portal-web", taken)).toBe("customerPortalWeb");
    expect(identifier("2fa-gateway", taken)).toBe("_2faGateway");
    expect(identifier("default", taken)).toBe("_default");
    expect(identifier("a-1", taken)).toBe("a1");
    expect(identifier("a1", taken)).toBe("a12");
  });
});

describe("exported inputs", () => {
  it("leaves out server defaults, mirrors of the default client and local fields, keeps required ones", () => {
    const app = {
      app_id: "a1",
      app_name: "Portal",
      app_description: "",
      allow_public_signup: true,
      invite_member_email_expiration_minutes: 2880,
      client_display_name: "Portal",
      redirect_uris: ["https://p.example.com/cb"],
      custom_domain: { domain: "id.example.com", status: "pending" },
    };
    expect(exportedInputs(applicationModel.inputs, app)).toEqual({
      inputs: { appName: "Portal", allowPublicSignup: true, customDomain: "id.example.com" },
      invalid: [],
    });
    const client = { client_id: "c1", name: "web", redirect_uris: [], client_type: "web", session_expiration: 60, client_secret: "s" };
    expect(exportedInputs(clientModel.inputs, client, clientRules).inputs).toEqual({
      name: "web",
      redirectUris: [],
      sessionExpiration: 60,
    });
  });

  it("reports values that would fail check instead of writing them", () => {
    const client = { client_id: "c1", name: "m", redirect_uris: [], device_authorization: { enabled: true, approval_uri: "" } };
    expect(exportedInputs(clientModel.inputs, client, clientRules)).toEqual({
      inputs: { name: "m", redirectUris: [] },
      invalid: ["deviceAuthorization"],
    });
  });
});

const tenant: TenantApplication[] = [
  {
    app: { app_id: "app1", app_name: "Portal", client_id: "def1", client_secret: "app-secret-xyz" } as AppRecord,
    clients: [
      { client_id: "web1", name: "web", redirect_uris: ["https://p.example.com/cb"], resources: ["orders"], client_secret: "s1-secret" },
      { client_id: "def1", name: "Portal", redirect_uris: [], client_secret: "def-secret" },
      {
        client_id: "saml1",
        name: "${partner}",
        authentication_protocol: "saml",
        sp_entity_id: "urn:p",
        client_secret: "s2-secret",
      },
    ] as ClientRecord[],
    signingKeys: [
      { id: "key1", app_id: "app1", kid: "k1", name: "2026 Q1", status: "signing", source: "mosaic" },
      { id: "key2", app_id: "app1", kid: "k2", name: "hsm", status: "validating", source: "uploaded" },
      { id: "global1", app_id: "app1", kid: "g1", name: "tenant", status: "signing", source: "global" },
    ] as SigningKeyRecord[],
  },
];

describe("rendering a plan", () => {
  const plan = planExport(tenant);

  it("plans the default client first, wires clients to their application and never carries a secret", () => {
    expect(plan.resources.map((r) => [r.model.name, r.name, r.id])).toEqual([
      ["Application", "portal", "app1"],
      ["Client", "portal-default", "app1/def1"],
      ["Client", "portal-web", "app1/web1"],
      ["ClientResources", "portal-web-resources", "app1/web1"],
      ["Client", "portal-partner", "app1/saml1"],
      ["SigningKey", "portal-key-2026-q1", "app1/key1"],
      ["SigningKey", "portal-key-hsm", "app1/key2"],
    ]);
    expect(plan.counts).toEqual({ applications: 1, clients: 3, defaultClients: 1, resourceLists: 1, signingKeys: 2 });
    const everything =
      renderTypeScript(plan, []) + renderYaml(plan, { projectName: "p", version: "0", header: [] }) + renderImportFile(plan);
    for (const secret of ["app-secret-xyz", "s1-secret", "def-secret", "s2-secret"]) expect(everything).not.toContain(secret);
  });

  it("adopts the application's own signing keys with the status only when it is not the default, never the tenant's global key", () => {
    const [generated, uploaded] = plan.resources.filter((r) => r.model.name === "SigningKey");
    expect(generated!.properties.map(([name]) => name)).toEqual(["applicationId", "name", "importId"]);
    expect(Object.fromEntries(uploaded!.properties.slice(1))).toEqual({ name: "hsm", status: "validating", importId: "key2" });
    expect(uploaded!.notes.join(" ")).toContain("jwk is not exported");
  });

  it("writes TypeScript that parses, with references through variables", () => {
    const source = renderTypeScript(plan, ["header"]);
    const parsed = ts.transpileModule(source, { reportDiagnostics: true, compilerOptions: { module: ts.ModuleKind.CommonJS } });
    expect(parsed.diagnostics).toEqual([]);
    expect(source).toContain('const portalWeb = new mosaic.Client("portal-web", {\n  applicationId: portal.appId,');
    expect(source).toContain("clientId: portalWeb.clientId,");
    expect(source).toContain('importId: "def1",');
  });

  it("writes a YAML program whose resources carry the same properties, `${` escaped", () => {
    const program = YAML.parse(renderYaml(plan, { projectName: "p", version: "0", pluginPath: "/plugin", header: [] }));
    expect(program.plugins.providers).toEqual([{ name: "mosaic", path: "/plugin" }]);
    expect(program.resources["portal-web-resources"]).toEqual({
      type: "mosaic:index:ClientResources",
      properties: { applicationId: "${portal.appId}", clientId: "${portal-web.clientId}", resourceIds: ["orders"] },
    });
    expect(program.resources["portal-partner"].properties.name).toBe("$${partner}");
  });

  it("lists every resource in the import file by its Pulumi id", () => {
    expect(JSON.parse(renderImportFile(plan)).resources).toEqual([
      { type: "mosaic:index:Application", name: "portal", id: "app1" },
      { type: "mosaic:index:Client", name: "portal-default", id: "app1/def1" },
      { type: "mosaic:index:Client", name: "portal-web", id: "app1/web1" },
      { type: "mosaic:index:ClientResources", name: "portal-web-resources", id: "app1/web1" },
      { type: "mosaic:index:Client", name: "portal-partner", id: "app1/saml1" },
      { type: "mosaic:index:SigningKey", name: "portal-key-2026-q1", id: "app1/key1" },
      { type: "mosaic:index:SigningKey", name: "portal-key-hsm", id: "app1/key2" },
    ]);
  });
});

describe("progress", () => {
  it("rewrites one line on a terminal and writes nothing elsewhere", () => {
    const written: string[] = [];
    const tty = progressReporter({ isTTY: true, write: (text) => written.push(text) });
    tty.update(1, 2);
    tty.end();
    expect(written.join("")).toContain("reading applications 1/2");
    const plain: string[] = [];
    const pipe = progressReporter({ isTTY: false, write: (text) => plain.push(text) });
    pipe.update(1, 2);
    pipe.end();
    expect(plain).toEqual([]);
  });
});
