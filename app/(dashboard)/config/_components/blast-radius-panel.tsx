// Which modules an edit changes (effective job definition, image, queue, memory, cpu, command line), before saving.
import type { BlastRadius } from "@/lib/config/blast-radius";

const fieldLabels: Record<string, string> = {
  executor: "Executor",
  jobDefinition: "Job definition",
  image: "Image",
  queue: "Queue",
  memoryMb: "Memory (MiB)",
  cpuCount: "CPUs",
  walltimeSec: "Walltime (s)",
  commandLine: "Command line",
};

export function BlastRadiusPanel({ blast }: { blast: BlastRadius }) {
  return (
    <section aria-label="Blast radius" className="blast-radius">
      <h3>Blast radius</h3>
      {blast.error ? (
        <p className="muted">{blast.error}</p>
      ) : (
        <p className="muted">
          {blast.changed.length} of {blast.checked} module{blast.checked === 1 ? "" : "s"} change (
          {blast.source === "catalog" ? "all versions in the catalog" : "modules named in the file"}).
        </p>
      )}
      {blast.changed.length > 0 ? (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Module</th>
              <th scope="col">Setting</th>
              <th scope="col">Before</th>
              <th scope="col">After</th>
            </tr>
          </thead>
          <tbody>
            {blast.changed.flatMap((m) =>
              m.changes.map((c, i) => (
                <tr key={`${m.lsid ?? m.name}:${c.field}`}>
                  {i === 0 ? (
                    <td rowSpan={m.changes.length}>
                      <strong>{m.name}</strong>
                      {m.lsid && m.lsid !== m.name ? <div className="mono small muted">{m.lsid}</div> : null}
                    </td>
                  ) : null}
                  <td>{fieldLabels[c.field] ?? c.field}</td>
                  <td className="mono">{c.before ?? <span className="muted">(none)</span>}</td>
                  <td className="mono">{c.after ?? <span className="muted">(none)</span>}</td>
                </tr>
              )),
            )}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
