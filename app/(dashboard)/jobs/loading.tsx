import { Skeleton } from "@/components/ui/skeleton";

export default function JobsLoading() {
  return (
    <div>
      <div className="page-header">
        <div>
          <h1>Jobs</h1>
          <p>Loading test jobs…</p>
        </div>
      </div>
      <div className="card">
        <Skeleton rows={10} />
      </div>
    </div>
  );
}
