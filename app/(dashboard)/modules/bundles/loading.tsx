import { Skeleton } from "@/components/ui/skeleton";

export default function Loading() {
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
