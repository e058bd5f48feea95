import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";

export default function ModuleNotFound() {
  return (
    <EmptyState title="No such module version">
      It may have been removed from the catalog. <Link href="/modules">Back to the modules</Link>
    </EmptyState>
  );
}
