// The benchmarks' resource mix as a Pulumi YAML program over the pulumi-resource-mosaic plugin folder: per
// application, the application, three clients and the first client's resource list. `revision` 1 changes the
// redirect URIs of every second application's first client (10% of the resources), for an update phase.
// Loaded by the benchmarks through Node's type stripping (erasable TypeScript only).

export const CLIENT_NAMES = ["web", "mobile", "api"] as const;

/** The redirect URI of client `name` of application `i`; revision 1 changes it for every second application's "web". */
export function redirectUri(i: number, name: string, revision = 0): string {
  const changed = revision > 0 && name === "web" && i % 2 === 0;
  return `https://app${i}.example.com/${name}/${changed ? "cb2" : "cb"}`;
}

export function yamlProgram(options: {
  project: string;
  pluginDir: string;
  apps: number;
  appName: (i: number) => string;
  revision?: number;
}): string {
  const lines = [
    `name: ${options.project}`,
    "runtime: yaml",
    "plugins:",
    "  providers:",
    "    - name: mosaic",
    `      path: ${options.pluginDir}`,
    "resources:",
  ];
  for (let i = 0; i < options.apps; i++) {
    lines.push(`  app-${i}:`, "    type: mosaic:index:Application", "    properties:", `      appName: ${options.appName(i)}`);
    for (const name of CLIENT_NAMES) {
      lines.push(
        `  app-${i}-${name}:`,
        "    type: mosaic:index:Client",
        "    properties:",
        `      applicationId: \${app-${i}.appId}`,
        `      name: ${name}`,
        `      redirectUris: ["${redirectUri(i, name, options.revision)}"]`,
        "      tokenExpiration:",
        "        accessTokenTtl: 3600",
      );
    }
    lines.push(
      `  app-${i}-apis:`,
      "    type: mosaic:index:ClientResources",
      "    properties:",
      `      applicationId: \${app-${i}.appId}`,
      `      clientId: \${app-${i}-web.clientId}`,
      `      resourceIds: ["res-${i}"]`,
    );
  }
  return `${lines.join("\n")}\n`;
}
