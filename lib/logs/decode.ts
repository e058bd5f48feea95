// Turns raw log bytes into lines: invalid UTF-8 becomes U+FFFD, giant lines are cut with a visible marker.
export const MAX_LINE_CHARS = 64 * 1024;

const decoder = new TextDecoder("utf-8", { fatal: false });

/** Splits complete lines from `bytes`; the bytes after the last newline are returned as `rest`. */
export function splitLines(bytes: Uint8Array, final: boolean): { lines: string[]; consumed: number } {
  const lastNewline = bytes.lastIndexOf(0x0a);
  const end = final ? bytes.length : lastNewline + 1;
  if (end <= 0) return { lines: [], consumed: 0 };
  let text = decoder.decode(bytes.subarray(0, end));
  if (text.endsWith("\n")) text = text.slice(0, -1);
  const lines = text.split("\n").map((line) => clip(line.endsWith("\r") ? line.slice(0, -1) : line));
  return { lines, consumed: end };
}

export function clip(line: string): string {
  if (line.length <= MAX_LINE_CHARS) return line;
  return `${line.slice(0, MAX_LINE_CHARS)} … [line cut: ${line.length.toLocaleString("en-US")} characters]`;
}
