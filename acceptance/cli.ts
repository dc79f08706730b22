#!/usr/bin/env node
// `make acceptance` (scripts/acceptance.sh) runs this: the exit code is the run's.
import { runAcceptance } from "./run";

void runAcceptance(process.env, process.stdout).then((code) => {
  process.exitCode = code;
});
