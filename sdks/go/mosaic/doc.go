// Pulumi provider for the Transmit Security (Mosaic) Applications API: applications, OIDC/SAML clients and their resources, with drift detection and a local emulator.
package mosaic
