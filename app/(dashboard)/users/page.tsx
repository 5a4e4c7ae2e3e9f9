import { getDb } from "@/db";
import { listUsers } from "@/db/queries/users";
import { requireUser } from "@/lib/auth/session";
import { AddUserForm } from "./add-user-form";

export const metadata = { title: "Users" };

export default async function UsersPage() {
  const me = await requireUser();
  const users = listUsers({ db: getDb() });
  return (
    <section className="space-y-6">
      <div>
        <h1 className="text-xl font-semibold">Users</h1>
        <p className="text-sm text-slate-600">Admins change everything; viewers see everything and change nothing.</p>
      </div>
      <table className="w-full overflow-hidden rounded-lg border border-slate-200 bg-white text-sm">
        <thead className="bg-slate-100 text-left text-slate-600">
          <tr>
            <th className="px-3 py-2">E-mail</th>
            <th className="px-3 py-2">Name</th>
            <th className="px-3 py-2">Role</th>
            <th className="px-3 py-2">Added</th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.id} className="border-t border-slate-100">
              <td className="px-3 py-2">{u.email}</td>
              <td className="px-3 py-2">{u.name ?? "—"}</td>
              <td className="px-3 py-2">{u.role}</td>
              <td className="px-3 py-2">{u.createdAt.toISOString().slice(0, 10)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <AddUserForm canEdit={me.role === "admin"} />
    </section>
  );
}
