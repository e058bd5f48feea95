// The plan of a test job: executor, argv, settings with their source lines, S3 keys, exec.sh and the SubmitJob JSON.
import type { TestJobPlan } from "@/lib/executors/plan";

export function PlanView({ plan }: { plan: TestJobPlan }) {
  return (
    <section className="card" aria-label="Plan">
      <h2>Plan</h2>
      <p>
        Executor <strong>{plan.executor}</strong> · store <span className="mono">{plan.storeDescription}</span> · timeout {plan.timeoutSec} s
      </p>
      {plan.notes.length > 0 ? (
        <ul className="alert alert-info" aria-label="Notes">
          {plan.notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      ) : null}
      <h3>Command line</h3>
      <pre aria-label="argv">{JSON.stringify(plan.argv, null, 1)}</pre>
      <h3>Settings</h3>
      <table className="table">
        <tbody>
          {Object.entries(plan.settings).map(([k, v]) => (
            <tr key={k}>
              <td className="mono">{k}</td>
              <td className="mono">{v.value ?? <span className="muted">unset</span>}</td>
              <td className="small muted">{v.source ?? ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>S3 keys</h3>
      <table className="table" aria-label="S3 keys">
        <tbody>
          {plan.s3Keys.map((k) => (
            <tr key={`${k.role}-${k.path}`}>
              <td>{k.role}</td>
              <td className="mono small">{k.uri}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>exec.sh</h3>
      <pre>{plan.execScript}</pre>
      <details>
        <summary>Pull script ({plan.layout.pullScript.split("/").pop()})</summary>
        <pre>{plan.pullScript}</pre>
      </details>
      <h3>SubmitJob request</h3>
      <pre aria-label="SubmitJob request">{JSON.stringify(plan.submitJobInput, null, 2)}</pre>
    </section>
  );
}
