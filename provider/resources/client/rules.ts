// Cross-field rules of mosaic.Client, checked at preview so a wrong combination fails before anything is created.
import type { CheckFailure } from "../check";
import { containsUnknown, isUnknown } from "../unknown";
import { oidcFields, samlFields } from "./fields";

/** Prompts are accepted by both protocols (write-only for SAML); every other OIDC field is OIDC-only. */
const OIDC_ONLY = Object.keys(oidcFields).filter((name) => name !== "supportedPrompts");
const SAML_ONLY = Object.keys(samlFields);

export function clientRules(inputs: Record<string, unknown>): CheckFailure[] {
  const failures: CheckFailure[] = [];
  const protocol = inputs.authenticationProtocol ?? "oidc";
  if (!isUnknown(protocol)) {
    const [foreign, other] = protocol === "saml" ? [OIDC_ONLY, "OIDC"] : [SAML_ONLY, "SAML"];
    for (const name of foreign) {
      if (inputs[name] !== undefined) {
        failures.push({ property: name, reason: `only applies to ${other} clients, but authenticationProtocol is "${protocol}"; remove it or change authenticationProtocol` });
      }
    }
    if (protocol === "saml" && inputs.spEntityId === undefined) failures.push({ property: "spEntityId", reason: 'is required when authenticationProtocol is "saml"' });
    if (protocol === "oidc" && inputs.redirectUris === undefined) failures.push({ property: "redirectUris", reason: "is required for OIDC clients" });
  }
  if (inputs.defaultUserInfoClaims !== undefined && inputs.syncIdTokenClaimsToUserinfo === true && !containsUnknown(inputs.defaultUserInfoClaims)) {
    failures.push({ property: "defaultUserInfoClaims", reason: "cannot be set together with syncIdTokenClaimsToUserinfo: true (the API rejects the combination); set one of them" });
  }
  return failures;
}
