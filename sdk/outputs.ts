import type * as pulumi from "@pulumi/pulumi";

/**
 * Every input of a resource is also one of its outputs, holding the value the API has for it after the last
 * create, update or refresh (fields the API never returns keep the program's value). Merged into each resource
 * class's type, so `app.loginUri` or `client.tokenExpiration` are typed without listing every field twice.
 */
export type InputsAsOutputs<Args> = { readonly [K in keyof Args]-?: pulumi.Output<pulumi.Unwrap<Args[K]>> };
