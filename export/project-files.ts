// The files of an exported project besides the programs: Pulumi.yaml, package.json, tsconfig.json and .gitignore
// for the TypeScript project (the layout of examples/basic), written so `npm install && pulumi up` runs it.

export interface ProjectOptions {
  projectName: string;
  /** What package.json's dependency on pulumi-mosaic says (a version range, a tarball path or a git URL). */
  packageSpec: string;
}

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

export function typescriptProjectFiles(options: ProjectOptions, description: string): Map<string, string> {
  const files = new Map<string, string>();
  files.set(
    "Pulumi.yaml",
    [
      `name: ${JSON.stringify(options.projectName)}`,
      "runtime:",
      "  name: nodejs",
      "  options:",
      "    typescript: true",
      `description: ${JSON.stringify(description)}`,
      "",
    ].join("\n"),
  );
  files.set(
    "package.json",
    json({
      name: options.projectName,
      private: true,
      main: "index.ts",
      dependencies: { "@pulumi/pulumi": "^3.216.0", "pulumi-mosaic": options.packageSpec },
      devDependencies: { "@types/node": "^24.0.0", typescript: "~5.9.3" },
    }),
  );
  files.set(
    "tsconfig.json",
    json({
      compilerOptions: {
        target: "ES2022",
        lib: ["ES2022"],
        module: "commonjs",
        moduleResolution: "node10",
        strict: true,
        esModuleInterop: true,
        skipLibCheck: true,
        forceConsistentCasingInFileNames: true,
        types: ["node"],
        outDir: "bin",
      },
      files: ["index.ts"],
    }),
  );
  files.set(".gitignore", "node_modules/\nbin/\n");
  return files;
}
