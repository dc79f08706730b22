// Every client operation of the resource layer, with refresh reads coalesced per application.
//
// A refresh reads every Client and ClientResources of the stack, and the engine issues those reads in parallel.
// The API lists all clients of an application in one call (no pagination), so reads of clients of the same
// application share one list call made within the last SNAPSHOT_TTL_MS: a stack with three clients and a resource
// list per application refreshes its clients with one request per application instead of four (terraform-
// provider-auth0 users wait minutes for one GET per client, docs/performance.md#lessons-from-other-providers). Correctness rules:
//   - every write through this directory drops the application's snapshot, so a read never predates our own write;
//   - a client missing from a snapshot is confirmed with its own GET before it is reported gone (the list may be
//     older than the client);
//   - a failed list is not kept: the next read tries again.
import type { ClientRecord, CreateClientInput, MosaicClient, UpdateClientInput } from "../api";
import { isNotFound } from "./outcomes";

export const SNAPSHOT_TTL_MS = 2_000;

interface Snapshot {
  takenAt: number;
  clients: Promise<Map<string, ClientRecord> | "application-gone">;
}

export class ClientDirectory {
  readonly #api: MosaicClient;
  readonly #snapshots = new Map<string, Snapshot>();
  readonly #now: () => number;

  constructor(api: MosaicClient, now: () => number = Date.now) {
    this.#api = api;
    this.#now = now;
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

  async #write<T>(appId: string, write: () => Promise<T>): Promise<T> {
    this.#snapshots.delete(appId);
    try {
      return await write();
    } finally {
      // Also after the write: a read that started meanwhile may have listed the old state.
      this.#snapshots.delete(appId);
    }
  }

  #snapshot(appId: string): Snapshot["clients"] {
    const current = this.#snapshots.get(appId);
    if (current && this.#now() - current.takenAt < SNAPSHOT_TTL_MS) return current.clients;
    const snapshot: Snapshot = {
      takenAt: this.#now(),
      clients: this.#api.clients.getAll({ app_id: appId }).then(
        (clients) => new Map(clients.map((client) => [client.client_id, client])),
        (error: unknown) => {
          if (this.#snapshots.get(appId) === snapshot) this.#snapshots.delete(appId);
          if (isNotFound(error)) return "application-gone" as const;
          throw error;
        },
      ),
    };
    this.#snapshots.set(appId, snapshot);
    return snapshot.clients;
  }
}
