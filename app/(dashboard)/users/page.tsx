import { getDb } from "@/db";
import { listUsers } from "@/db/queries/users";
import { requireUser } from "@/lib/auth/session";
import { AddUserForm } from "./add-user-form";
import { UsersTable } from "./_components/users-table";

export const metadata = { title: "Users" };

export default async function UsersPage() {
  const me = await requireUser();
  const users = listUsers({ db: getDb() }).map((u) => ({
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role,
    added: u.createdAt.toISOString().slice(0, 10),
  }));
  return (
    <section className="space-y-6">
      <div>
        <h1 className="text-xl font-semibold">Users</h1>
        <p className="text-sm text-slate-600">
          Admins change everything; viewers see everything and change nothing. A role change, a new password or a removal
          signs that user out everywhere at once, and so does signing out.
        </p>
      </div>
      <UsersTable users={users} meId={me.id} canEdit={me.role === "admin"} />
      <AddUserForm canEdit={me.role === "admin"} />
    </section>
  );
}
