"use client";

import { useRef, useState } from "react";
import { Alert, Button, Field } from "@/components/ui/form";
import { addUserAction } from "./actions";

type Result = Awaited<ReturnType<typeof addUserAction>>;

export function AddUserForm({ canEdit }: { canEdit: boolean }) {
  const formRef = useRef<HTMLFormElement>(null);
  const [result, setResult] = useState<Result | null>(null);
  const [pending, setPending] = useState(false);
  const fieldErrors = result?.status === "invalid" ? (result.fieldErrors ?? {}) : {};

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setPending(true);
    const r = await addUserAction(Object.fromEntries(new FormData(event.currentTarget)));
    setPending(false);
    setResult(r);
    if (r.status === "ok") formRef.current?.reset();
  }

  return (
    <form ref={formRef} onSubmit={onSubmit} className="max-w-lg space-y-4 rounded-lg border border-slate-200 bg-white p-4" noValidate>
      <h2 className="font-semibold">Add a user</h2>
      {!canEdit ? <Alert tone="info">You are a viewer: only an admin can add users.</Alert> : null}
      {result && result.status !== "ok" ? <Alert tone="error">{result.message}</Alert> : null}
      {result?.status === "ok" ? <Alert tone="success">{result.message}</Alert> : null}
      <fieldset disabled={!canEdit || pending} className="space-y-4">
        <Field label="E-mail" name="email" type="email" required error={fieldErrors.email?.[0]} />
        <Field label="Name" name="name" error={fieldErrors.name?.[0]} />
        <div className="space-y-1">
          <label htmlFor="field-role" className="block text-sm font-medium text-slate-700">
            Role
          </label>
          <select id="field-role" name="role" defaultValue="viewer" className="rounded-md border border-slate-300 px-3 py-2 text-sm">
            <option value="viewer">Viewer (sees everything, changes nothing)</option>
            <option value="admin">Admin (everything)</option>
          </select>
        </div>
        <Field
          label="Initial password"
          name="password"
          type="password"
          autoComplete="new-password"
          hint="10 to 72 characters. Share it with them privately."
          error={fieldErrors.password?.[0]}
        />
        <Button type="submit">{pending ? "Adding…" : "Add user"}</Button>
      </fieldset>
    </form>
  );
}
