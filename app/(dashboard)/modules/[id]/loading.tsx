import { Skeleton } from "@/components/ui/skeleton";

export default function ModuleLoading() {
  return (
    <div>
      <div className="page-header">
        <div>
          <h1>Module</h1>
          <p>Resolving the effective configuration…</p>
        </div>
      </div>
      <Skeleton rows={8} />
    </div>
  );
}
