// Every client operation of the resource layer, with refresh reads coalesced per application.
//
// A refresh reads every Client and ClientResources of the stack, and the engine issues those reads in parallel.
// The API lists all clients of an application in one call (no pagination), so every read of a client of the same
// application is answered from one list call: a stack with three clients and a resource list per application
// refreshes its clients with one request per application instead of four (terraform-provider-auth0 users wait
// minutes for one GET per client, docs/performance.md#lessons-from-other-providers). The list is kept until we write
// to that application, not for a time window, so the count does not depend on how the engine spreads its reads: a
// provider process serves one engine operation, and a list taken during it is as fresh as that operation's view of
// the tenant. Correctness rules:
//   - every write through this directory drops the application's list, so a read never predates our own write;
//   - a client missing from a snapshot is confirmed with its own GET before it is reported gone (the list may be
//     older than the client);
//   - a failed list is not kept: the next read tries again.
import type { ClientRecord, CreateClientInput, MosaicClient, UpdateClientInput } from "../api";
import { isNotFound } from "./outcomes";

type Snapshot = Promise<Map<string, ClientRecord> | "application-gone">;

export class ClientDirectory {
  readonly #api: MosaicClient;
  readonly #snapshots = new Map<string, Snapshot>();

  constructor(api: MosaicClient) {
    this.#api = api;
  }

  /** The client as the API has it now, or undefined when it (or its application) no longer exists. */
  async read(appId: string, clientId: string): Promise<ClientRecord | undefined> {
    const listed = await this.#snapshot(appId);
    if (listed === "application-gone") return undefined;
    const found = listed.get(clientId);
    if (found) return found;
    try {
      return await this.#api.clients.get({ app_id: appId, client_id: clientId });
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  async create(appId: string, body: CreateClientInput): Promise<ClientRecord> {
    return this.#write(appId, () => this.#api.clients.create({ app_id: appId }, body));
  }

  async update(appId: string, clientId: string, body: UpdateClientInput): Promise<ClientRecord> {
    return this.#write(appId, () => this.#api.clients.update({ app_id: appId, client_id: clientId }, body));
  }

  async delete(appId: string, clientId: string): Promise<void> {
    return this.#write(appId, () => this.#api.clients.delete({ app_id: appId, client_id: clientId }));
  }

  async updateResources(appId: string, clientId: string, resourceIds: string[]): Promise<ClientRecord> {
    return this.#write(appId, () =>
      this.#api.clients.updateResources({ app_id: appId, client_id: clientId }, { resource_ids: resourceIds }),
    );
  }

  /** Every client of the application, uncached (for name lookups after a conflict). */
  async list(appId: string): Promise<ClientRecord[]> {
    return this.#api.clients.getAll({ app_id: appId });
  }

  /**
   * Drops the application's list after a write made elsewhere that can change its clients: an application update
   * (the deprecated client_display_name renames the default client) or delete (its clients go with it).
   */
  forgetApplication(appId: string): void {
    this.#snapshots.delete(appId);
  }

  async #write<T>(appId: string, write: () => Promise<T>): Promise<T> {
    this.#snapshots.delete(appId);
    try {
      return await write();
    } finally {
      // Also after the write: a read that started meanwhile may have listed the old state.
      this.#snapshots.delete(appId);
    }
  }

  #snapshot(appId: string): Snapshot {
    const current = this.#snapshots.get(appId);
    if (current) return current;
    const snapshot: Snapshot = this.#api.clients.getAll({ app_id: appId }).then(
      (clients) => new Map(clients.map((client) => [client.client_id, client])),
      (error: unknown) => {
        if (this.#snapshots.get(appId) === snapshot) this.#snapshots.delete(appId);
        if (isNotFound(error)) return "application-gone" as const;
        throw error;
      },
    );
    this.#snapshots.set(appId, snapshot);
    return snapshot;
  }
}
