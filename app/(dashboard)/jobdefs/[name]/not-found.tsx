import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";

export default function JobDefinitionNotFound() {
  return (
    <EmptyState title="No such job definition" action={<Link className="btn" href="/jobdefs">All job definitions</Link>}>
      Neither the registry nor the backups know this name.
    </EmptyState>
  );
}
