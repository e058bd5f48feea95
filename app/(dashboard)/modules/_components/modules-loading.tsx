// Loading state shared by the modules, bundles and ranges segments: they all wait on the same module resolution.
import { Skeleton } from "@/components/ui/skeleton";

export function ModulesLoading() {
  return (
    <div>
      <div className="page-header">
        <div>
          <h1>Modules</h1>
          <p>Resolving what every module version runs with…</p>
        </div>
      </div>
      <Skeleton rows={10} label="Loading modules" />
    </div>
  );
}
