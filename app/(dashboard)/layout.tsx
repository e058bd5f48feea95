// Every dashboard page sits in this shell; signed-out visitors go to /login. Pages still call requireUser(permission).
import { Sidebar } from "@/components/shell/sidebar";
import { requireUser } from "@/app/_server/current-user";

export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser();
  return (
    <div className="shell">
      <Sidebar user={user} />
      <main className="main">{children}</main>
    </div>
  );
}
