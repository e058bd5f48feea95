// Logs of a local test job: the GP meta files, tailed by byte offset while the job runs.
import fs from "node:fs/promises";
import path from "node:path";
import { splitLines } from "./decode";
import type { LogChunk, LogSource, LogStreamInfo } from "./types";

/** The meta files GP leaves in `<jobs>/<id>.meta` (reference §5.7), in tab order. */
export const META_LOG_FILES = ["stdout.txt", "stderr.txt", "dockererr.log", "aws_cmd.log", "s3_uploads.log", "s3_downloads.log"] as const;

const CHUNK_BYTES = 4 * 1024 * 1024;

export type LocalJobLogLocation = {
  /** The head-node meta dir, filled by stage-out. */
  metaDir: string;
  /** Where the running job writes: `<local prefix><metaDir>`; read until stage-out is done. */
  runningMetaDir?: string;
  finished: boolean;
};

export class LocalLogSource implements LogSource {
  constructor(private readonly location: LocalJobLogLocation) {}

  async listStreams(): Promise<LogStreamInfo[]> {
    return Promise.all(
      META_LOG_FILES.map(async (name) => {
        const file = await this.fileFor(name);
        return file
          ? { id: name, label: name, available: true }
          : { id: name, label: name, available: false, reason: `${name} has not been written` };
      }),
    );
  }

  async read(streamId: string, cursor = "0"): Promise<LogChunk> {
    if (!(META_LOG_FILES as readonly string[]).includes(streamId)) {
      return { lines: [], cursor, complete: true, notice: `Unknown log stream '${streamId}'` };
    }
    const offset = Number.parseInt(cursor, 10) || 0;
    const file = await this.fileFor(streamId);
    if (!file) {
      return { lines: [], cursor: String(offset), complete: this.location.finished, notice: `${streamId} has not been written yet` };
    }
    const handle = await fs.open(file, "r");
    try {
      const { size } = await handle.stat();
      if (size < offset) return { lines: [], cursor: "0", complete: false, notice: `${streamId} was truncated; reading again` };
      const length = Math.min(size - offset, CHUNK_BYTES);
      const buffer = Buffer.alloc(length);
      await handle.read(buffer, 0, length, offset);
      const atEnd = offset + length === size;
      // A finished job's last line has no newline to wait for; a running job's partial line is read next time.
      const { lines, consumed } = splitLines(buffer, atEnd && this.location.finished);
      const next = offset + consumed;
      return { lines: lines.map((text) => ({ ts: null, text })), cursor: String(next), complete: this.location.finished && next === size };
    } finally {
      await handle.close();
    }
  }

  async search(streamId: string, pattern: string) {
    const needle = pattern.toLowerCase();
    const hits = [];
    let cursor = "0";
    for (;;) {
      const chunk = await this.read(streamId, cursor);
      hits.push(...chunk.lines.filter((l) => l.text.toLowerCase().includes(needle)));
      if (chunk.cursor === cursor || chunk.lines.length === 0) break;
      cursor = chunk.cursor;
    }
    return hits;
  }

  /** After stage-out the head-node copy wins; before, the running job's file. */
  private async fileFor(name: string): Promise<string | null> {
    const dirs = this.location.finished
      ? [this.location.metaDir, this.location.runningMetaDir]
      : [this.location.runningMetaDir, this.location.metaDir];
    for (const dir of dirs) {
      if (!dir) continue;
      const file = path.join(dir, name);
      try {
        if ((await fs.stat(file)).isFile()) return file;
      } catch {
        // not there: try the next place
      }
    }
    return null;
  }
}
