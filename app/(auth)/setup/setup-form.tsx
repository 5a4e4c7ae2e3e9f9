"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert, Button, Field } from "@/components/ui/form";
import { createFirstAdminAction } from "./actions";

export function SetupForm() {
  const router = useRouter();
  const [errors, setErrors] = useState<Record<string, string[] | undefined>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    const result = await createFirstAdminAction(Object.fromEntries(form));
    if (result.status === "invalid") {
      setErrors(result.fieldErrors);
      setPending(false);
      return;
    }
    if (result.status === "closed") {
      setMessage(result.message);
      setPending(false);
      return;
    }
    await signIn("credentials", { redirect: false, email: form.get("email"), password: form.get("password") });
    router.replace("/");
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      {message ? <Alert tone="error">{message}</Alert> : null}
      <Field label="Name" name="name" autoComplete="name" error={errors.name?.[0]} />
      <Field label="E-mail" name="email" type="email" autoComplete="username" required error={errors.email?.[0]} />
      <Field
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        hint="10 to 72 characters."
        error={errors.password?.[0]}
      />
      <Field
        label="Repeat password"
        name="confirm"
        type="password"
        autoComplete="new-password"
        required
        error={errors.confirm?.[0]}
      />
      <Button type="submit" disabled={pending} className="w-full">
        {pending ? "Creating…" : "Create admin and sign in"}
      </Button>
    </form>
  );
}
