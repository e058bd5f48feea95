import { Skeleton } from "@/components/ui/skeleton";

export default function Loading() {
  return (
    <div>
      <div className="page-header">
        <div>
          <h1>Job definitions</h1>
          <p className="muted">Reading the registry and refreshing the backups…</p>
        </div>
      </div>
      <Skeleton rows={6} />
    </div>
  );
}
