"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { ConfirmDialog, Dialog } from "@/components/ui/dialog";
import { Alert, Button, Field } from "@/components/ui/form";
import { changeRoleAction, removeUserAction, resetPasswordAction } from "../actions";

export interface UserRow {
  id: number;
  email: string;
  name: string | null;
  role: "admin" | "viewer";
  added: string;
}

type Result = Awaited<ReturnType<typeof removeUserAction>>;
type Pending = { kind: "role" | "password" | "remove"; user: UserRow } | null;

/**
 * Every user, and for an admin: change a role, set a new password, remove. Each of these ends the
 * user's sessions at once (a signed-in browser is sent to sign-in on its next request).
 */
export function UsersTable({ users, meId, canEdit }: { users: UserRow[]; meId: number; canEdit: boolean }) {
  const router = useRouter();
  const [open, setOpen] = useState<Pending>(null);
  const [result, setResult] = useState<Result | null>(null);
  const [busy, setBusy] = useState(false);
  const [password, setPassword] = useState("");
  const passwordError = result?.status === "invalid" ? result.fieldErrors?.password?.[0] : undefined;

  async function run(action: () => Promise<Result>, keepOpen = false) {
    setBusy(true);
    try {
      const r = await action();
      setResult(r);
      if (r.status === "ok" || !keepOpen) setOpen(null);
      if (r.status === "ok") router.refresh();
    } catch {
      setResult({ status: "error", message: "Could not reach the server. Check your connection and try again." });
      setOpen(null);
    } finally {
      setBusy(false);
    }
  }

  const close = () => {
    setOpen(null);
    setResult(null);
  };

  return (
    <div className="space-y-3">
      {result && !open ? <Alert tone={result.status === "ok" ? "success" : "error"}>{result.message}</Alert> : null}
      <table className="w-full overflow-hidden rounded-lg border border-slate-200 bg-white text-sm">
        <thead className="bg-slate-100 text-left text-slate-600">
          <tr>
            <th className="px-3 py-2">E-mail</th>
            <th className="px-3 py-2">Name</th>
            <th className="px-3 py-2">Role</th>
            <th className="px-3 py-2">Added</th>
            {canEdit ? <th className="px-3 py-2">Change</th> : null}
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.id} className="border-t border-slate-100">
              <td className="px-3 py-2">
                {u.email}
                {u.id === meId ? <span className="ml-1.5 text-xs text-slate-500">(you)</span> : null}
              </td>
              <td className="px-3 py-2">{u.name ?? "—"}</td>
              <td className="px-3 py-2">{u.role}</td>
              <td className="px-3 py-2">{u.added}</td>
              {canEdit ? (
                <td className="space-x-1 whitespace-nowrap px-3 py-1.5">
                  <Button type="button" variant="secondary" onClick={() => setOpen({ kind: "role", user: u })}>
                    {u.role === "admin" ? "Make viewer" : "Make admin"}
                  </Button>
                  <Button
                    type="button"
                    variant="secondary"
                    onClick={() => {
                      setPassword("");
                      setResult(null);
                      setOpen({ kind: "password", user: u });
                    }}
                  >
                    Set password
                  </Button>
                  <Button type="button" variant="secondary" onClick={() => setOpen({ kind: "remove", user: u })}>
                    Remove
                  </Button>
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>

      {open?.kind === "role" ? (
        <ConfirmDialog
          title={`Make ${open.user.email} ${open.user.role === "admin" ? "a viewer" : "an admin"}?`}
          confirmLabel={open.user.role === "admin" ? "Make viewer" : "Make admin"}
          onClose={close}
          onConfirm={() => run(() => changeRoleAction({ userId: open.user.id, role: open.user.role === "admin" ? "viewer" : "admin" }))}
        >
          <p>
            Their sessions end at once: they sign in again with the new role.
            {open.user.id === meId ? " That includes you." : ""}
          </p>
        </ConfirmDialog>
      ) : null}

      {open?.kind === "remove" ? (
        <ConfirmDialog
          title={`Remove ${open.user.email}?`}
          confirmLabel="Remove user"
          tone="danger"
          onClose={close}
          onConfirm={() => run(() => removeUserAction({ userId: open.user.id }))}
        >
          <p>They are signed out at once and can no longer sign in. Their past decisions keep their name.</p>
        </ConfirmDialog>
      ) : null}

      {open?.kind === "password" ? (
        <Dialog
          title={`New password for ${open.user.email}`}
          onClose={close}
          footer={
            <>
              <Button type="button" variant="secondary" onClick={close}>
                Cancel
              </Button>
              <Button type="submit" form="reset-password" disabled={busy}>
                {busy ? "Saving…" : "Set password"}
              </Button>
            </>
          }
        >
          <form
            id="reset-password"
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              void run(() => resetPasswordAction({ userId: open.user.id, password }), true);
            }}
          >
            {result && result.status !== "ok" && !passwordError ? <Alert tone="error">{result.message}</Alert> : null}
            <Field
              label="New password"
              name="password"
              type="password"
              autoComplete="new-password"
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
              hint="10 to 72 characters. Their sessions end; share it with them privately."
              error={passwordError}
            />
          </form>
        </Dialog>
      ) : null}
    </div>
  );
}
