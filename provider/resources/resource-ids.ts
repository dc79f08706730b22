// The Pulumi ids of the resources, which are also what `pulumi import` and `*.get` take: an application is
// its `appId`; a client, and a client's resource list, are addressed through their application, so both use
// "<applicationId>/<clientId>" (a ClientResources is the resource list of that one client, so it needs no id of its
// own); a signing key is "<applicationId>/<signingKeyId>". A malformed id fails here, naming the form expected, before any request is sent.
import { MosaicResourceError, ResourceErrorCodes } from "./errors";

/** The resource types whose id is "<applicationId>/<clientId>". */
export type ClientScopedResource = "Client" | "ClientResources";

export function clientResourceId(applicationId: string, clientId: string): string {
  return `${applicationId}/${clientId}`;
}

export function parseClientResourceId(id: string, resource: ClientScopedResource = "Client"): { applicationId: string; clientId: string } {
  const [applicationId, clientId, ...rest] = id.split("/");
  if (!applicationId?.trim() || !clientId?.trim() || rest.length > 0) {
    const whose = resource === "Client" ? "the client's" : "the client whose resource list it is";
    throw new MosaicResourceError(
      ResourceErrorCodes.INVALID_RESOURCE_ID,
      `"${id}" is not a ${resource} id: expected "<applicationId>/<clientId>", ${whose} application id and client id`,
    );
  }
  return { applicationId, clientId };
}

export function signingKeyResourceId(applicationId: string, keyId: string): string {
  return `${applicationId}/${keyId}`;
}

/** A signing key is addressed through its application (the API's `app_id` query parameter), so its id has both. */
export function parseSigningKeyResourceId(id: string): { applicationId: string; keyId: string } {
  const [applicationId, keyId, ...rest] = id.split("/");
  if (!applicationId?.trim() || !keyId?.trim() || rest.length > 0) {
    throw new MosaicResourceError(
      ResourceErrorCodes.INVALID_RESOURCE_ID,
      `"${id}" is not a SigningKey id: expected "<applicationId>/<signingKeyId>", the key's application id and its own id`,
    );
  }
  return { applicationId, keyId };
}

/** An application's id is its `appId` alone; a "/" means a client's id was given for an application. */
export function parseApplicationId(id: string): string {
  if (!id.trim() || id.includes("/")) {
    throw new MosaicResourceError(
      ResourceErrorCodes.INVALID_RESOURCE_ID,
      `"${id}" is not an Application id: expected "<applicationId>", the application's appId alone ` +
        `(a client is imported as mosaic:index:Client with "<applicationId>/<clientId>")`,
    );
  }
  return id;
}
