// The optional state file: loaded at start, rewritten shortly after every change and once more on close, always
// through a temporary file and a rename so a crash never leaves half a JSON document behind.
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import type { StoreSnapshot } from "./store";

export interface PersistedState {
  version: 1;
  /** The management credentials, kept so a restarted emulator accepts the same client id and secret. */
  credentials: { clientId: string; clientSecret: string };
  tenantId: string;
  store: StoreSnapshot;
}

/** Undefined when the file does not exist yet; throws (naming the file) when it exists but is not a state file. */
export function loadStateFile(file: string): PersistedState | undefined {
  if (!existsSync(file)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new Error(`state file ${file} is not valid JSON: ${(error as Error).message}`, { cause: error });
  }
  const state = parsed as Partial<PersistedState>;
  if (
    state?.version !== 1 ||
    typeof state.credentials?.clientId !== "string" ||
    typeof state.credentials?.clientSecret !== "string" ||
    typeof state.tenantId !== "string" ||
    !Array.isArray(state.store?.apps) ||
    !Array.isArray(state.store?.clients)
  ) {
    throw new Error(`state file ${file} is not an emulator state file (version 1)`);
  }
  return state as PersistedState;
}

/** How long after a change the file is rewritten; bursts of writes cost one rewrite. */
const FLUSH_DELAY_MS = 20;

export class StateFileWriter {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly file: string,
    private readonly produce: () => PersistedState,
  ) {}

  schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => this.flush(), FLUSH_DELAY_MS);
    // A pending rewrite must not keep a finished process alive; close() flushes synchronously anyway.
    this.timer.unref();
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const temporary = `${this.file}.${process.pid}.tmp`;
    writeFileSync(temporary, `${JSON.stringify(this.produce(), null, 2)}\n`, { mode: 0o600 });
    renameSync(temporary, this.file);
  }
}
