// The progress line on a terminal: "mosaic-export: reading applications 12/50", rewritten in place on stderr.
// Off the terminal (CI logs, pipes) it writes nothing.

export interface ProgressOutput {
  write(text: string): unknown;
  isTTY?: boolean;
}

export function progressReporter(stream: ProgressOutput): { update(done: number, total: number): void; end(): void } {
  let shown = false;
  return {
    update(done, total) {
      if (!stream.isTTY) return;
      stream.write(`\r\u001b[2Kmosaic-export: reading applications ${done}/${total}`);
      shown = true;
    },
    end() {
      if (shown) stream.write("\r\u001b[2K");
    },
  };
}
