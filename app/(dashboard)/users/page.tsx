import { requireUser } from "@/app/_server/current-user";
import { getDb } from "@/lib/db";
import { listUsers } from "@/lib/data/users";
import { CreateUserForm } from "./_components/create-user-form";
import { UsersTable } from "./_components/users-table";

export const metadata = { title: "Users" };

export default async function UsersPage() {
  const user = await requireUser("users.manage");
  const users = await listUsers({ db: getDb(), user });
  return (
    <div>
      <div className="page-header">
        <div>
          <h1>Users</h1>
          <p>Who can sign in, and what each role may do. Every change is recorded in the audit log.</p>
        </div>
      </div>
      <CreateUserForm />
      <UsersTable users={users.map((u) => ({ ...u, createdAt: u.createdAt.toISOString() }))} currentUserId={user.id} />
    </div>
  );
}
