import { Skeleton } from "@/components/ui/skeleton";

export default function RootLoading() {
  return (
    <main className="center-page">
      <div className="card">
        <Skeleton rows={4} />
      </div>
    </main>
  );
}
