// A unified diff as coloured lines (the config change a promotion or rollback wrote).
export function UnifiedDiff({ diff, label }: { diff: string; label: string }) {
  const lines = diff.split("\n").filter((l) => !l.startsWith("===") && !l.startsWith("Index:"));
  return (
    <div className="diff" role="region" aria-label={label}>
      {lines.map((line, i) => (
        <div key={i} className={line.startsWith("@@") ? "hunk" : line.startsWith("+") && !line.startsWith("+++") ? "add" : line.startsWith("-") && !line.startsWith("---") ? "del" : undefined}>
          {line || " "}
        </div>
      ))}
    </div>
  );
}
