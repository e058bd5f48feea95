import { Skeleton } from "@/components/ui/skeleton";

export default function JobLoading() {
  return (
    <div>
      <div className="page-header">
        <div>
          <h1>Job</h1>
          <p>Loading…</p>
        </div>
      </div>
      <div className="card">
        <Skeleton rows={8} />
      </div>
    </div>
  );
}
