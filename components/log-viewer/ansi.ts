// Splits a log line with ANSI SGR escape codes into styled segments; other escape sequences are dropped.
export type AnsiSegment = { text: string; color?: string; bold?: boolean };

const COLORS = ["#1c2430", "#d23f3f", "#2f9e44", "#c68a00", "#3b6fd4", "#b14fc5", "#1f9bb0", "#c9ced6"];
const BRIGHT = ["#6b7685", "#ff6b6b", "#51cf66", "#fcc419", "#74a7ff", "#e599f7", "#66d9e8", "#f1f3f5"];

// eslint-disable-next-line no-control-regex
const ESCAPE = /\x1b\[([0-9;]*)([A-Za-z])/g;

export function parseAnsi(line: string): AnsiSegment[] {
  if (!line.includes("\x1b")) return [{ text: line }];
  const segments: AnsiSegment[] = [];
  let color: string | undefined;
  let bold = false;
  let last = 0;
  for (const match of line.matchAll(ESCAPE)) {
    if (match.index > last) segments.push({ text: line.slice(last, match.index), color, bold });
    last = match.index + match[0].length;
    if (match[2] !== "m") continue;
    for (const code of (match[1] || "0").split(";").map(Number)) {
      if (code === 0) {
        color = undefined;
        bold = false;
      } else if (code === 1) bold = true;
      else if (code === 22) bold = false;
      else if (code >= 30 && code <= 37) color = COLORS[code - 30];
      else if (code >= 90 && code <= 97) color = BRIGHT[code - 90];
      else if (code === 39) color = undefined;
    }
  }
  if (last < line.length) segments.push({ text: line.slice(last), color, bold });
  return segments.filter((s) => s.text !== "");
}

export function stripAnsi(line: string): string {
  return line.replace(ESCAPE, "");
}
