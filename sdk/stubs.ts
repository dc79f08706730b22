// The provider objects Pulumi serializes into state (as `__provider`) for each resource type.
//
// Each object is the whole `module.exports` of its own module (sdk/dynamic/<kind>.ts). Pulumi's closure serializer
// stores a module that sits under `node_modules` as a reference, so an installed package puts one short
// `require("pulumi-mosaic/dist/sdk/dynamic/<kind>.js")` into state (under 300 bytes). package.json's `exports` lists
// those paths as themselves: that is the name the serializer writes whether or not it manages to map the file back
// through `exports` (it cannot when it resolves the package from elsewhere, as in some linked layouts).
//
// Where the package is not under `node_modules` (a linked checkout, a `file:` dependency), the serializer copies the
// object by value instead (about 2.3 KB), and then each method is self-contained: it only `require()`s the installed
// package at run time and calls its handler (sdk/dynamic/stub-for.ts). Either way state never holds the provider's
// code, its dependencies or its settings, and an upgraded package fixes refresh and destroy of existing stacks too
// (docs/engine-behaviour.md#the-provider-is-stored-in-state). One object per type, created once: Pulumi caches
// serialization by object identity.
import type * as pulumi from "@pulumi/pulumi";

export const applicationStub: pulumi.dynamic.ResourceProvider = require("./dynamic/application");
export const clientStub: pulumi.dynamic.ResourceProvider = require("./dynamic/client");
export const clientResourcesStub: pulumi.dynamic.ResourceProvider = require("./dynamic/client-resources");
export const signingKeyStub: pulumi.dynamic.ResourceProvider = require("./dynamic/signing-key");
