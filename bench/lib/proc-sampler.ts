// What the processes of a benchmarked Pulumi run cost, read from /proc: every process whose environment has a given
// PULUMI_HOME belongs to that run, sorted into roles by its command line (the engine, the provider plugin, the
// program and its language host). A sampler polls /proc on an interval and keeps, per process, the peak resident
// memory and the last CPU and I/O counters it saw; a process's counters are cumulative, so the last sample is its
// total except for what it did after that sample (at most one interval before it exited).
// Loaded by the benchmarks through Node's type stripping (erasable TypeScript only).
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

export type Role = "engine" | "provider" | "program";

export interface RoleUsage {
  /** User + system CPU seconds (utime + stime of /proc/<pid>/stat), summed over the role's processes. */
  cpuSeconds: number;
  /** Bytes passed to write-type system calls (/proc/<pid>/io wchar): files, pipes and sockets. */
  wcharBytes: number;
  /** Bytes the processes caused to be written to storage (/proc/<pid>/io write_bytes): the state file, logs. */
  writeBytes: number;
  /** The largest resident set of any one of the role's processes (VmRSS). */
  peakRssKb: number;
  processes: number;
}

/** The role of a process from its command line, or undefined for shims and short-lived helpers. */
export function roleOf(command: string[]): Role | undefined {
  const program = path.basename(command[0] ?? "");
  if (command.some((arg) => arg.includes("dynamic-provider") || arg.includes("pulumi-plugin") || arg.includes("pulumi-resource-mosaic"))) {
    return "provider";
  }
  if (program === "pulumi") return "engine";
  if (program.startsWith("pulumi-language-") || command.some((arg) => arg.includes(`cmd${path.sep}run`))) return "program";
  return undefined;
}

interface ProcessSample {
  role: Role;
  cpuTicks: number;
  wchar: number;
  writeBytes: number;
  peakRssKb: number;
}

const CLOCK_TICKS_PER_SECOND = 100; // USER_HZ on Linux

function readSample(pid: string, role: Role): Omit<ProcessSample, "peakRssKb"> & { rssKb: number } {
  // Fields after the command name (which may hold spaces) start at ") ": utime and stime are fields 14 and 15.
  const stat = readFileSync(`/proc/${pid}/stat`, "latin1");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const io = readFileSync(`/proc/${pid}/io`, "latin1");
  const counter = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+)`, "m").exec(io)?.[1] ?? 0);
  const rssKb = Number(/^VmRSS:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, "latin1"))?.[1] ?? 0);
  return { role, cpuTicks: Number(fields[11]) + Number(fields[12]), wchar: counter("wchar"), writeBytes: counter("write_bytes"), rssKb };
}

/** Polls /proc every `intervalMs` for the processes of the runs whose PULUMI_HOME is given to start(). */
export class ProcSampler {
  private readonly seen = new Map<string, ProcessSample>();
  private timer: NodeJS.Timeout | undefined;
  private marker = "";

  private readonly intervalMs: number;

  constructor(intervalMs = 100) {
    this.intervalMs = intervalMs;
  }

  start(pulumiHome: string): void {
    this.seen.clear();
    this.marker = `PULUMI_HOME=${pulumiHome}\0`;
    this.sample();
    this.timer = setInterval(() => this.sample(), this.intervalMs);
  }

  /** Stops sampling and returns the usage per role since start(). */
  stop(): Record<Role, RoleUsage> {
    this.sample();
    clearInterval(this.timer);
    const usage = {} as Record<Role, RoleUsage>;
    for (const role of ["engine", "provider", "program"] as const) {
      usage[role] = { cpuSeconds: 0, wcharBytes: 0, writeBytes: 0, peakRssKb: 0, processes: 0 };
    }
    for (const process of this.seen.values()) {
      const sum = usage[process.role];
      sum.cpuSeconds += process.cpuTicks / CLOCK_TICKS_PER_SECOND;
      sum.wcharBytes += process.wchar;
      sum.writeBytes += process.writeBytes;
      sum.peakRssKb = Math.max(sum.peakRssKb, process.peakRssKb);
      sum.processes += 1;
    }
    return usage;
  }

  private sample(): void {
    for (const pid of readdirSync("/proc")) {
      if (!/^\d+$/.test(pid)) continue;
      try {
        const known = this.seen.get(pid);
        let role = known?.role;
        if (!role) {
          if (!readFileSync(`/proc/${pid}/environ`, "latin1").includes(this.marker)) continue;
          role = roleOf(readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0"));
          if (!role) continue;
        }
        const { rssKb, ...counters } = readSample(pid, role);
        this.seen.set(pid, { ...counters, peakRssKb: Math.max(known?.peakRssKb ?? 0, rssKb) });
      } catch {
        // The process ended (or is not ours to read) while being read.
      }
    }
  }
}
