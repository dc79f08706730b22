// The provider objects Pulumi serializes into state (as `__provider`) for each resource type.
//
// Every method only `require()`s the installed package at run time and calls its handler, so state holds a few
// hundred bytes per type, never the provider's code, its dependencies or its settings, and an upgraded package
// fixes refresh and destroy of existing stacks too (docs/engine-behaviour.md#the-provider-is-stored-in-state,
// #plugin-working-directory). `kind` is the only captured value. One object per type, created once: Pulumi caches
// serialization by object identity. The `as Provider` casts are erased at compile time (the serialized code is
// unchanged); they make the compiler check every call against the provider's exports.
import type * as pulumi from "@pulumi/pulumi";

type Provider = typeof import("../provider");
type ResourceKind = "application" | "client" | "clientResources";

function stubFor(kind: ResourceKind): pulumi.dynamic.ResourceProvider {
  return {
    configure: async (req) => (require("pulumi-mosaic/provider") as Provider).configure(req.config),
    check: async (olds, news) => (require("pulumi-mosaic/provider") as Provider)[kind].check(olds, news),
    diff: async (id, olds, news) => (require("pulumi-mosaic/provider") as Provider)[kind].diff(id, olds, news),
    create: async (inputs) => (require("pulumi-mosaic/provider") as Provider)[kind].create(inputs),
    read: async (id, props) => (require("pulumi-mosaic/provider") as Provider)[kind].read(id, props),
    update: async (id, olds, news) => (require("pulumi-mosaic/provider") as Provider)[kind].update(id, olds, news),
    delete: async (id, props) => (require("pulumi-mosaic/provider") as Provider)[kind].delete(id, props),
  };
}

export const applicationStub = stubFor("application");
export const clientStub = stubFor("client");
export const clientResourcesStub = stubFor("clientResources");
