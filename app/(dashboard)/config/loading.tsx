// Shown while the config file is read and validated on the server.
import { Skeleton } from "@/components/ui/skeleton";

export default function ConfigLoading() {
  return (
    <div>
      <div className="page-header">
        <div>
          <h1>Config</h1>
          <div className="skeleton skeleton-subtitle" />
        </div>
      </div>
      <div className="card" aria-label="Loading the config">
        <Skeleton rows={14} />
      </div>
    </div>
  );
}
