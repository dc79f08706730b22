// The enum types of the field model: the API's value lists (provider/api/enums.ts) with the name and description
// the SDK, the docs and the package schema give them. Fields of several resources share one type (e.g. PkceMode).
import * as values from "../api/enums";
import type { EnumType } from "./field-spec";

const enumType = (name: string, enumValues: readonly string[], doc: string): EnumType => ({ name, values: enumValues, doc });

export const clientType = enumType("ClientType", values.CLIENT_TYPES, "Type of an OIDC client.");
export const authenticationProtocol = enumType("AuthenticationProtocol", values.AUTHENTICATION_PROTOCOLS, "Protocol of a client.");
export const pkceMode = enumType("PkceMode", values.PKCE_MODES, "How PKCE relates to client credentials.");
export const clientAuthenticationMethod = enumType(
  "ClientAuthenticationMethod",
  values.CLIENT_AUTHENTICATION_METHODS,
  "How a client authenticates to the token endpoint.",
);
export const tokenEndpointAuthMethod = enumType(
  "TokenEndpointAuthMethod",
  values.TOKEN_ENDPOINT_AUTH_METHODS,
  "The deprecated way to say how a client authenticates to the token endpoint (prefer `authenticationConfiguration.method`).",
);
export const responseType = enumType("ResponseType", values.RESPONSE_TYPES, "An OAuth response type.");
export const supportedPrompt = enumType("SupportedPrompt", values.SUPPORTED_PROMPTS, "An OIDC prompt value.");
export const sameSiteType = enumType("SameSiteType", values.SAME_SITE_TYPES, "SameSite mode of a cookie.");
export const samlNameIdType = enumType("SamlNameIdType", values.SAML_NAME_ID_TYPES, "Which user attribute is a SAML NameID.");
export const signingKeyStatus = enumType("SigningKeyStatus", values.SIGNING_KEY_STATUSES, "What a token signing key is used for.");
