// Cross-field rules of mosaic.Client, checked at preview so a wrong combination fails before anything is created.
import type { CheckFailure } from "../check";
import { containsUnknown } from "../unknown";
import { clientModel } from "./fields";

const { oidc: oidcFields, saml: samlFields } = clientModel.inputGroups;
/** Prompts are accepted by both protocols (write-only for SAML); every other OIDC field is OIDC-only. */
const OIDC_ONLY = Object.keys(oidcFields).filter((name) => name !== "supportedPrompts");
const SAML_ONLY = Object.keys(samlFields);
/** Fields the field model marks as required for one protocol only. */
const REQUIRED_FOR = Object.entries(clientModel.inputs).flatMap(([name, field]) =>
  field.requiredFor ? [{ name, protocol: field.requiredFor }] : [],
);

/**
 * The protocol the cross-field rules apply, or undefined while it is unknown or not a protocol at all (the field's
 * own check names that failure). Only these two fixed words reach a message, never the input as given.
 */
function protocolOf(inputs: Record<string, unknown>): "oidc" | "saml" | undefined {
  const protocol = inputs.authenticationProtocol ?? "oidc";
  return protocol === "oidc" || protocol === "saml" ? protocol : undefined;
}

export function clientRules(inputs: Record<string, unknown>): CheckFailure[] {
  const failures: CheckFailure[] = [];
  const protocol = protocolOf(inputs);
  if (protocol !== undefined) {
    const [foreign, other] = protocol === "saml" ? [OIDC_ONLY, "OIDC"] : [SAML_ONLY, "SAML"];
    for (const name of foreign) {
      if (inputs[name] !== undefined) {
        failures.push({
          property: name,
          reason:
            `only applies to ${other} clients, but authenticationProtocol is "${protocol}"; ` +
            "remove it or change authenticationProtocol",
        });
      }
    }
    for (const { name } of REQUIRED_FOR.filter((required) => required.protocol === protocol && inputs[required.name] === undefined)) {
      failures.push({ property: name, reason: `is required when authenticationProtocol is "${protocol}"` });
    }
  }
  if (
    inputs.defaultUserInfoClaims !== undefined &&
    inputs.syncIdTokenClaimsToUserinfo === true &&
    !containsUnknown(inputs.defaultUserInfoClaims)
  ) {
    failures.push({
      property: "defaultUserInfoClaims",
      reason: "cannot be set together with syncIdTokenClaimsToUserinfo: true (the API rejects the combination); set one of them",
    });
  }
  return failures;
}
