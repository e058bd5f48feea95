// Shown while the revision list loads.
import { Skeleton } from "@/components/ui/skeleton";

export default function ConfigHistoryLoading() {
  return (
    <div>
      <div className="page-header">
        <div>
          <h1>Config history</h1>
          <div className="skeleton skeleton-subtitle" />
        </div>
      </div>
      <div className="card" aria-label="Loading revisions">
        <Skeleton rows={8} />
      </div>
    </div>
  );
}
