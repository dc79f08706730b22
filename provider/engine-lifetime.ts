// The provider process lives only as long as the Pulumi engine that started it.
//
// An engine killed with SIGKILL cannot stop its plugins: the provider would go on serving, retrying and sending
// requests nobody will record (an orphan in the API). So the process watches the engine and, once it is gone,
// aborts every API call in flight (their waits and retries too: MOSAIC_ABORTED), refuses new ones and exits.
//
// Which process is the engine: the dynamic-provider host is started through a `/bin/sh` shim
// (pulumi-resource-pulumi-nodejs) that does not exec node, so there the engine is the grandparent and the shim
// stays alive when the engine dies; the plugin's launcher execs node, so there the engine is the parent. The chain
// is read from /proc once at start; "gone" means a link of it broke (the process reparented). Without /proc only a
// change of the direct parent is seen.
//
// A graceful end is different: the engine sends SIGINT to the plugin's process group once it has recorded every
// result. `onGracefulExit` hooks (the create journal) run then, and only then.
import { readFileSync, readlinkSync } from "node:fs";
import path from "node:path";

const SHELLS = new Set(["sh", "dash", "bash", "ash", "busybox"]);
export const ENGINE_POLL_MS = 200;

const lifetime = new AbortController();
/** Aborts when the engine that started this process is gone. */
export const engineGone: AbortSignal = lifetime.signal;

const gracefulHooks: Array<() => void> = [];
/** Runs `hook` when the engine ends this process gracefully (SIGINT / SIGTERM while the engine is alive). */
export function onGracefulExit(hook: () => void): void {
  gracefulHooks.push(hook);
}

function parentOf(pid: number): number | undefined {
  try {
    // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so read after the last ")".
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
  } catch {
    return undefined;
  }
}

/** The program a process runs: for a `#!/bin/sh` script that is the shell (its comm would be the script's name). */
function programOf(pid: number): string {
  try {
    return path.basename(readlinkSync(`/proc/${pid}/exe`));
  } catch {
    return "";
  }
}

/** [child, expected parent] links from this process up to the engine. */
export function engineChain(): Array<[number, number]> {
  const parent = process.ppid;
  const links: Array<[number, number]> = [[process.pid, parent]];
  if (SHELLS.has(programOf(parent))) {
    const grandparent = parentOf(parent);
    if (grandparent !== undefined && grandparent > 1) links.push([parent, grandparent]);
  }
  return links;
}

function chainIntact(links: Array<[number, number]>): boolean {
  return links.every(([child, parent]) => (child === process.pid ? process.ppid : parentOf(child)) === parent);
}

let watching = false;

/**
 * Starts watching the engine (once per process): when it is gone, aborts `engineGone` and exits. SIGINT / SIGTERM
 * from a live engine run the graceful hooks first.
 */
export function watchEngine(exit: (code: number) => void = (code) => process.exit(code)): void {
  if (watching) return;
  watching = true;
  const links = engineChain();
  const stop = (): void => {
    lifetime.abort(new Error("the Pulumi engine that started this provider is gone"));
    exit(0);
  };
  setInterval(() => {
    if (!chainIntact(links)) stop();
  }, ENGINE_POLL_MS).unref();
  const graceful = (): void => {
    if (chainIntact(links)) {
      for (const hook of gracefulHooks) {
        try {
          hook();
        } catch {
          // A hook that fails must not keep the process alive.
        }
      }
    }
    stop();
  };
  process.once("SIGINT", graceful);
  process.once("SIGTERM", graceful);
}

/** True in the Node dynamic-provider host that `@pulumi/pulumi` runs for dynamic resources. */
export function inDynamicProviderHost(): boolean {
  return /[\\/]@pulumi[\\/]pulumi[\\/]cmd[\\/]dynamic-provider([\\/]index\.js)?$/.test(process.argv[1] ?? "");
}
