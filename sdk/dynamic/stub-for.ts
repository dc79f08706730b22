// The dynamic provider object of one resource type, written so that it still works when Pulumi copies it into state
// by value (sdk/stubs.ts): every method `require()`s the installed package at run time and calls its handler.
// `kind` is the only captured value. The `as Provider` casts are erased at compile time (the serialized code is
// unchanged); they make the compiler check every call against the provider's exports.
import type * as pulumi from "@pulumi/pulumi";

type Provider = typeof import("../../provider");
export type ResourceKind = "application" | "client" | "clientResources" | "signingKey";

export function stubFor(kind: ResourceKind): pulumi.dynamic.ResourceProvider {
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
