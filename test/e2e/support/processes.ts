// Finds and kills the processes of one test stack (the pulumi CLI and its plugins), to simulate a crashed CI
// runner. They are recognised by the PULUMI_HOME the test gave them, so nothing else on the machine is touched.
import { readdirSync, readFileSync } from "node:fs";

export function processesWithEnv(name: string, value: string): number[] {
  const needle = `${name}=${value}\0`;
  const pids: number[] = [];
  for (const entry of readdirSync("/proc")) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    try {
      if (readFileSync(`/proc/${pid}/environ`, "latin1").includes(needle)) pids.push(pid);
    } catch {
      // The process ended meanwhile, or is not ours to read.
    }
  }
  return pids;
}

/** SIGKILLs every process whose environment has PULUMI_HOME=`pulumiHome`; returns how many there were. */
export function killStackProcesses(pulumiHome: string): number {
  const pids = processesWithEnv("PULUMI_HOME", pulumiHome);
  for (const pid of pids) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // Already gone.
    }
  }
  return pids.length;
}

/** The stack's processes whose command name (/proc/<pid>/comm) is `name`, e.g. "pulumi" for the CLI. */
export function stackProcessesNamed(pulumiHome: string, name: string): number[] {
  return processesWithEnv("PULUMI_HOME", pulumiHome).filter((pid) => {
    try {
      return readFileSync(`/proc/${pid}/comm`, "utf8").trim() === name;
    } catch {
      return false;
    }
  });
}

/** The stack's Node dynamic-provider hosts (the processes that run the provider for dynamic resources). */
export function dynamicProviderHosts(pulumiHome: string): number[] {
  return processesWithEnv("PULUMI_HOME", pulumiHome).filter((pid) => {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, "latin1").includes("cmd/dynamic-provider");
    } catch {
      return false;
    }
  });
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    // A zombie (exited, not yet reaped) counts as gone.
    return !/^\S+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, "latin1"));
  } catch {
    return false;
  }
}

/** SIGKILLs the given processes; returns how many were still there. */
export function killPids(pids: number[]): number {
  let killed = 0;
  for (const pid of pids) {
    try {
      process.kill(pid, "SIGKILL");
      killed++;
    } catch {
      // Already gone.
    }
  }
  return killed;
}
