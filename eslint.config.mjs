// Lint for every TypeScript file, run by `make test` (scripts/lint.sh). Besides typescript-eslint's recommended
// rules it enforces the boundaries of docs/architecture.md ("Layers and boundaries") and the 140-character
// line limit; formatting itself is prettier's (.prettierrc.json), so no rule here argues with it.
import js from "@eslint/js";
import stylistic from "@stylistic/eslint-plugin";
import tseslint from "typescript-eslint";

/** `no-restricted-imports` patterns for one layer. */
const restrict = (...patterns) => ({ "@typescript-eslint/no-restricted-imports": ["error", { patterns }] });
const layer = (dir) => [`**/${dir}`, `**/${dir}/**`];

export default tseslint.config(
  // Generated or vendored: sdk/generated.ts is checked against the field model instead (test/unit/field-model.test.ts).
  // .mosaic-work/ is e2e scratch (generated projects), present only while a test run is under way.
  {
    ignores: [
      "dist/**",
      "node_modules/**",
      "sdk/generated.ts",
      "sdks/**",
      "emulator/openapi-schemas.ts",
      "examples/**/node_modules/**",
      ".mosaic-work/**",
    ],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    plugins: { "@stylistic": stylistic },
    rules: {
      "@stylistic/max-len": ["error", { code: 140, tabWidth: 2 }],
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" },
      ],
    },
  },
  {
    files: ["provider/**/*.ts"],
    rules: restrict(
      {
        group: ["@pulumi/pulumi", "@pulumi/pulumi/*"],
        allowTypeImports: true,
        message: "provider/ never loads @pulumi/pulumi at run time (docs/architecture.md): use `import type`.",
      },
      {
        group: [...layer("sdk"), ...layer("emulator"), ...layer("codegen"), ...layer("plugin")],
        message: "provider/ imports none of sdk/, emulator/, codegen/, plugin/.",
      },
    ),
  },
  {
    // The benchmark's Pulumi programs are plain CommonJS JavaScript, as a user's program without a build step.
    files: ["bench/**/*.js"],
    languageOptions: {
      sourceType: "commonjs",
      globals: { require: "readonly", process: "readonly", fetch: "readonly", URL: "readonly", URLSearchParams: "readonly" },
    },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    // The plugin front end adapts the engine's gRPC protocol to provider/'s handlers; it reaches provider/ through
    // its index (and types), and nothing but its own entry loads it.
    files: ["plugin/**/*.ts"],
    rules: restrict({
      group: [...layer("sdk"), ...layer("emulator"), ...layer("codegen"), "pulumi-mosaic", "pulumi-mosaic/*"],
      message: "plugin/ serves provider/'s handlers and imports none of sdk/, emulator/, codegen/.",
    }),
  },
  {
    // mosaic-export reads a tenant with provider/'s API client and field model; it is no part of a Pulumi run.
    files: ["export/**/*.ts"],
    rules: restrict({
      group: [...layer("sdk"), ...layer("emulator"), ...layer("codegen"), ...layer("plugin"), "@pulumi/pulumi", "@pulumi/pulumi/*"],
      message: "export/ reads the tenant through provider/ only: no sdk/, emulator/, codegen/, plugin/ or @pulumi/pulumi.",
    }),
  },
  {
    files: ["emulator/**/*.ts"],
    rules: restrict({
      group: [...layer("provider"), ...layer("sdk"), ...layer("plugin"), "pulumi-mosaic", "pulumi-mosaic/*"],
      message: "emulator/ never imports provider/ (docs/architecture.md): it is an independent reading of the vendor's contract.",
    }),
  },
  {
    files: ["sdk/**/*.ts"],
    rules: restrict({
      group: [...layer("provider"), ...layer("emulator"), ...layer("plugin")],
      message: "sdk/ reaches provider/ only through the stubs' run-time require (docs/architecture.md) and never loads plugin/.",
    }),
  },
  {
    // Each resource class merges with an interface that declares its outputs (sdk/outputs.ts): the engine sets
    // them, so the class must not define them as fields.
    files: ["sdk/application.ts", "sdk/client.ts", "sdk/client-resources.ts", "sdk/signing-key.ts"],
    rules: {
      "@typescript-eslint/no-unsafe-declaration-merging": "off",
      "@typescript-eslint/no-empty-object-type": ["error", { allowInterfaces: "with-single-extends" }],
    },
  },
  {
    // Tests read raw JSON (emulator dumps, state files) and pass deliberately mistyped inputs, as JavaScript
    // programs can; so do the acceptance run's behaviour checks, against a tenant.
    files: ["test/**/*.ts", "acceptance/**/*.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
  {
    // The stubs and the lookups require the installed package at run time on purpose (docs/architecture.md, "Why stubs"); the demo
    // and some scripts are run by Node's type stripping, which needs `require`; the acceptance run loads the package as a
    // user's program does.
    files: ["sdk/stubs.ts", "sdk/dynamic/*.ts", "sdk/lookups.ts", "scripts/**/*.ts", "bench/**/*.ts", "test/**/*.ts", "acceptance/run.ts"],
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
);
