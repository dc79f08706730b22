// Reads the applications and clients to export through the provider's API client (its rate limiter, retries and
// token cache): one list of applications, then for each selected application one GET (the list leaves `logo` out),
// one list of its clients, which carries their resource lists, and one list of its token signing keys.
import type { AppRecord, ClientRecord, MosaicClient, SigningKeyRecord } from "../provider/api";

export interface TenantApplication {
  app: AppRecord;
  /** Every client of the application, the default one included, in the API's order. */
  clients: ClientRecord[];
  /** The application's token signing keys (metadata only: the API never returns key material). */
  signingKeys: SigningKeyRecord[];
}

export interface ReadOptions {
  /** Names or ids of the applications to export (exact match); every application when empty. */
  applications?: readonly string[];
  /** Called after each application is read, with how many of how many are done. */
  onProgress?: (done: number, total: number) => void;
  /** Applications read at the same time; the client's rate limiter still bounds the request rate. */
  concurrency?: number;
}

export class UnknownApplicationError extends Error {}

/** The selected applications with their clients, in the order the API lists the applications. */
export async function readTenant(api: MosaicClient, options: ReadOptions = {}): Promise<TenantApplication[]> {
  const listed = await api.applications.getAllBasic();
  const wanted = options.applications ?? [];
  const unmatched = wanted.filter((filter) => !listed.some((app) => app.app_id === filter || app.app_name === filter));
  if (unmatched.length > 0) {
    throw new UnknownApplicationError(
      `--application ${unmatched.map((filter) => JSON.stringify(filter)).join(", ")}: no application has that name or id ` +
        "(names match exactly, case included). Check the name in the Admin Portal, or pass the application's id.",
    );
  }
  const selected =
    wanted.length === 0 ? listed : listed.filter((app) => wanted.includes(app.app_id) || wanted.includes(String(app.app_name)));
  const results: TenantApplication[] = new Array(selected.length);
  let next = 0;
  let done = 0;
  options.onProgress?.(0, selected.length);
  const worker = async () => {
    while (next < selected.length) {
      const index = next++;
      const appId = selected[index].app_id;
      const [app, clients, signingKeys] = await Promise.all([
        api.applications.get({ app_id: appId }),
        api.clients.getAll({ app_id: appId }),
        api.signingKeys.getAll({ app_id: appId }),
      ]);
      results[index] = { app, clients, signingKeys };
      options.onProgress?.(++done, selected.length);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency ?? 8, selected.length)) }, worker));
  return results;
}
