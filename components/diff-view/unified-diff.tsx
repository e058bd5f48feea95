// A unified diff as text with added/removed lines coloured: the readable, searchable companion of the Monaco diff.
import { createTwoFilesPatch } from "diff";

export function unifiedPatch(name: string, before: string, after: string): string {
  return createTwoFilesPatch(name, name, before, after, "before", "after", { context: 3 });
}

export function diffStats(patch: string): { added: number; removed: number } {
  let added = 0;
  let removed = 0;
  for (const line of patch.split("\n")) {
    if (line.startsWith("+") && !line.startsWith("+++")) added++;
    else if (line.startsWith("-") && !line.startsWith("---")) removed++;
  }
  return { added, removed };
}

export function UnifiedDiff({ patch, label = "Unified diff" }: { patch: string; label?: string }) {
  const lines = patch.split("\n").filter((l, i) => i > 1 || !/^(={5,}|Index:)/.test(l));
  return (
    <div className="diff" role="region" aria-label={label}>
      {lines.map((line, i) => {
        const kind = line.startsWith("@@") ? "hunk" : line.startsWith("+") && !line.startsWith("+++") ? "add" : line.startsWith("-") && !line.startsWith("---") ? "del" : undefined;
        return (
          <div key={i} className={kind}>
            {line || " "}
          </div>
        );
      })}
    </div>
  );
}
