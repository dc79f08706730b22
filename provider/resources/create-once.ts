// The create of an application, a client or a signing key, with crash recovery (docs/README.md#crash-recovery):
//
//   1. an entry in the create journal left by a process that died mid-create, and an object of this name created
//      in that attempt's window → adopt it (the interrupted run's own object), no program edit needed;
//   2. otherwise journal the intent, POST (the API client reconciles ambiguous failures itself), record the id;
//   3. a 409: with MOSAIC_ADOPT_CREATED_SINCE set (the opt-in for a machine without the journal) adopt a same-named
//      object created since then; otherwise fail with MOSAIC_NAME_TAKEN, which says what to do.
import { MosaicApiError, MosaicErrorCodes } from "../api";
import type { ProviderLog } from "../log";
import { createdByInterruptedRun, type CreateJournal, type NaturalKey } from "./create-journal";
import { MosaicResourceError, ResourceErrorCodes } from "./errors";
import { isConflict, type ExistingObject } from "./outcomes";
import type { ClaimHow, ClaimKind, RunRegistry } from "./run-registry";

export const ADOPT_CREATED_SINCE_ENV = "MOSAIC_ADOPT_CREATED_SINCE";
/** Said with every adoption of an interrupted create: the engine keeps that create as a pending operation. */
const PENDING_HINT =
  "The engine may still list the interrupted create as a pending operation; `pulumi refresh --clear-pending-creates` " +
  "removes it (the resource stays in the stack)";

export interface CreateOnceFlow<R> {
  key: NaturalKey;
  /** e.g. `application "Portal"`, for messages. */
  label: string;
  journal: CreateJournal;
  log: ProviderLog;
  /** Where the created or adopted object is claimed, so a delete of it in this deployment keeps it (run-registry.ts). */
  run: RunRegistry;
  kind: ClaimKind;
  /** Same-named objects, with their Pulumi ids. */
  findByName(): Promise<ExistingObject[]>;
  adopt(id: string): Promise<R>;
  post(): Promise<R>;
  idOf(result: R): string;
  /** The error for a clash that is not recovered; `claimedThisRun`: this deployment created or adopted `existing`. */
  nameTaken(existing: ExistingObject | undefined, claimedThisRun: boolean): Error;
}

/** MOSAIC_ADOPT_CREATED_SINCE as epoch ms; a value that is not a date fails with a message naming it. */
export function adoptCreatedSince(env: NodeJS.ProcessEnv = process.env): number | undefined {
  const raw = env[ADOPT_CREATED_SINCE_ENV];
  if (raw === undefined || raw.trim() === "") return undefined;
  const at = Date.parse(raw);
  if (Number.isNaN(at)) {
    throw new MosaicResourceError(
      ResourceErrorCodes.INVALID_RECOVERY_SETTING,
      `${ADOPT_CREATED_SINCE_ENV} must be an ISO date-time such as 2026-01-31T12:00:00Z; unset it or fix it.`,
    );
  }
  return at;
}

export async function createOnce<R>(flow: CreateOnceFlow<R>): Promise<R> {
  const { value, how } = await createOrAdopt(flow);
  flow.run.claim(flow.kind, flow.idOf(value), how);
  return value;
}

async function createOrAdopt<R>(flow: CreateOnceFlow<R>): Promise<{ value: R; how: ClaimHow }> {
  const { key, journal, log } = flow;
  const interrupted = journal.interrupted(key);
  if (interrupted) {
    const own = (await flow.findByName()).find(
      (candidate) =>
        (interrupted.id === undefined || candidate.id === interrupted.id) && createdByInterruptedRun(interrupted, candidate.createdAt),
    );
    if (own) {
      log.warn(`adopting ${flow.label} (id ${own.id}) that an interrupted run created (create journal in ${journal.dir}). ${PENDING_HINT}`);
      const value = await flow.adopt(own.id);
      journal.created(key, flow.idOf(value), interrupted.startedAt);
      return { value, how: "adopted after an interrupted run" };
    }
  }
  journal.begin(key);
  try {
    const value = await flow.post();
    journal.created(key, flow.idOf(value));
    return { value, how: "created" };
  } catch (error) {
    if (isConflict(error)) {
      journal.abandon(key);
      const existing = (await flow.findByName())[0];
      const since = adoptCreatedSince();
      const at = existing?.createdAt === undefined ? Number.NaN : Date.parse(existing.createdAt);
      if (existing && since !== undefined && at >= since) {
        log.warn(
          `adopting ${flow.label} (id ${existing.id}), created at ${existing.createdAt}: ${ADOPT_CREATED_SINCE_ENV} is set. ` +
            PENDING_HINT,
        );
        const value = await flow.adopt(existing.id);
        journal.created(key, flow.idOf(value));
        return { value, how: "adopted after an interrupted run" };
      }
      throw flow.nameTaken(existing, existing !== undefined && flow.run.claimedHow(flow.kind, existing.id) !== undefined);
    }
    // Keep the entry whenever the object may exist: the next run finds and adopts it.
    if (MosaicApiError.isInstance(error) && !error.mayHaveBeenApplied && error.code !== MosaicErrorCodes.ABORTED) journal.abandon(key);
    throw error;
  }
}
