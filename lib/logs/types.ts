// Shapes shared by every log source: a job's logs are a set of streams read forward with an opaque cursor.
export type LogLine = { ts: number | null; text: string };

export type LogStreamInfo = {
  id: string;
  label: string;
  /** False when the stream does not exist (yet): `reason` says why, e.g. the attempt never reached RUNNING. */
  available: boolean;
  reason?: string;
};

export type LogChunk = {
  lines: LogLine[];
  /** Pass back to read the next chunk. */
  cursor: string;
  /** True when the stream is finished and the cursor reached its end. */
  complete: boolean;
  /** Set when the source could not read everything (throttling, missing stream): shown, never thrown. */
  notice?: string;
};

export interface LogSource {
  listStreams(): Promise<LogStreamInfo[]>;
  read(streamId: string, cursor?: string): Promise<LogChunk>;
  search?(streamId: string, pattern: string): Promise<LogLine[]>;
}
