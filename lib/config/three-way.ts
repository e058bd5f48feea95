// Line-based three-way merge (diff3) for the config editor's conflict view: base = the text the editor loaded,
// mine = the admin's edit, theirs = what is on disk now.
import { diffArrays } from "diff";

export const conflictMarkers = { mine: "<<<<<<< mine", base: "||||||| base", split: "=======", theirs: ">>>>>>> theirs" };

export type MergeConflict = { /** 1-based line of the `<<<<<<<` marker in the merged text */ line: number; mine: string; base: string; theirs: string };
export type MergeResult = { text: string; clean: boolean; conflicts: MergeConflict[] };

type Hunk = { start: number; end: number; lines: string[] };

/** Splits text into lines that keep their line ending, so joining them gives the exact bytes back. */
export function splitLines(text: string): string[] {
  return text === "" ? [] : text.split(/(?<=\n)/);
}

function hunks(base: string[], other: string[]): Hunk[] {
  const out: Hunk[] = [];
  let index = 0;
  let current: Hunk | null = null;
  for (const change of diffArrays(base, other)) {
    const count = change.value.length;
    if (!change.added && !change.removed) {
      if (current) out.push(current);
      current = null;
      index += count;
      continue;
    }
    current ??= { start: index, end: index, lines: [] };
    if (change.removed) {
      index += count;
      current.end = index;
    } else {
      current.lines.push(...change.value);
    }
  }
  if (current) out.push(current);
  return out;
}

function apply(base: string[], start: number, end: number, side: Hunk[]): string[] {
  const out: string[] = [];
  let i = start;
  for (const h of side) {
    out.push(...base.slice(i, h.start), ...h.lines);
    i = h.end;
  }
  out.push(...base.slice(i, end));
  return out;
}

const withNewline = (lines: string[]) => {
  const text = lines.join("");
  return text === "" || text.endsWith("\n") ? text : `${text}\n`;
};

/** Merges the two edits of `base`; overlapping or touching changes that differ become marked conflicts. */
export function mergeThreeWay(base: string, mine: string, theirs: string): MergeResult {
  const baseLines = splitLines(base);
  const tagged = [
    ...hunks(baseLines, splitLines(mine)).map((h) => ({ ...h, side: "mine" as const })),
    ...hunks(baseLines, splitLines(theirs)).map((h) => ({ ...h, side: "theirs" as const })),
  ].sort((a, b) => a.start - b.start || a.end - b.end);

  const out: string[] = [];
  const conflicts: MergeConflict[] = [];
  let pos = 0;
  let i = 0;
  while (i < tagged.length) {
    // A cluster: hunks whose base ranges overlap or touch.
    const cluster = [tagged[i]];
    let end = tagged[i].end;
    i++;
    while (i < tagged.length && tagged[i].start <= end) {
      end = Math.max(end, tagged[i].end);
      cluster.push(tagged[i]);
      i++;
    }
    const start = cluster[0].start;
    out.push(...baseLines.slice(pos, start));
    pos = end;
    const mineHunks = cluster.filter((h) => h.side === "mine");
    const theirHunks = cluster.filter((h) => h.side === "theirs");
    const mineText = apply(baseLines, start, end, mineHunks);
    const theirText = apply(baseLines, start, end, theirHunks);
    if (mineHunks.length === 0) out.push(...theirText);
    else if (theirHunks.length === 0 || mineText.join("") === theirText.join("")) out.push(...mineText);
    else {
      const baseText = baseLines.slice(start, end);
      conflicts.push({ line: countLines(out) + 1, mine: mineText.join(""), base: baseText.join(""), theirs: theirText.join("") });
      out.push(
        `${conflictMarkers.mine}\n`,
        withNewline(mineText),
        `${conflictMarkers.base}\n`,
        withNewline(baseText),
        `${conflictMarkers.split}\n`,
        withNewline(theirText),
        `${conflictMarkers.theirs}\n`,
      );
    }
  }
  out.push(...baseLines.slice(pos));
  return { text: out.join(""), clean: conflicts.length === 0, conflicts };
}

function countLines(parts: string[]): number {
  let n = 0;
  for (const p of parts) for (const ch of p) if (ch === "\n") n++;
  return n;
}

/** 1-based line numbers of leftover conflict markers: a save must not write them. */
export function findConflictMarkers(text: string): number[] {
  const lines = text.split("\n");
  const found: number[] = [];
  lines.forEach((line, i) => {
    if (/^(<{7} |={7}$|>{7} |\|{7} )/.test(line.replace(/\r$/, "")) || /^(<{7}|>{7}|\|{7})$/.test(line)) found.push(i + 1);
  });
  return found;
}
