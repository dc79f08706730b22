// Private JWKs for tests, generated fresh with node:crypto (never committed): an RSA and an EC signing key, and a
// list of the private members' values, which no log, message or state file may contain.
import { generateKeyPairSync } from "node:crypto";

export type Jwk = Record<string, unknown>;

/** A new private RSA (2048-bit) or EC (P-256) key as a JWK, with the `kid` given. */
export function privateJwk(kty: "RSA" | "EC" = "RSA", kid?: string): Jwk {
  const { privateKey } =
    kty === "RSA" ? generateKeyPairSync("rsa", { modulusLength: 2048 }) : generateKeyPairSync("ec", { namedCurve: "P-256" });
  const jwk = privateKey.export({ format: "jwk" }) as Jwk;
  return kid === undefined ? jwk : { ...jwk, kid };
}

const PRIVATE_MEMBERS = ["d", "p", "q", "dp", "dq", "qi"];

/** The values of the JWK's private members: each must never appear in plaintext anywhere. */
export function privateValues(jwk: Jwk): string[] {
  return PRIVATE_MEMBERS.map((member) => jwk[member]).filter((value): value is string => typeof value === "string");
}
