import { Skeleton } from "@/components/ui/skeleton";

export default function Loading() {
  return (
    <div>
      <div className="page-header">
        <div>
          <h1>Environments</h1>
        </div>
      </div>
      <Skeleton rows={6} />
    </div>
  );
}
