// Messages from the provider process. Pulumi shows the dynamic-provider plugin's stderr as diagnostics under the
// resource being processed, so a plain line on stderr is how a user learns why refresh dropped a resource.
// Everything logged here is built from ids and field names only, never from values that could be secrets.
export interface ProviderLog {
  info(message: string): void;
  warn(message: string): void;
}

export const providerLog: ProviderLog = {
  info: (message) => console.error(`mosaic: ${message}`),
  warn: (message) => console.error(`mosaic warning: ${message}`),
};
