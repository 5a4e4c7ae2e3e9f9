import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getDb } from "@/db";
import { countUsers } from "@/db/queries/users";
import { SetupForm } from "./setup-form";

export const metadata: Metadata = { title: "Set up" };
export const dynamic = "force-dynamic";

export default function SetupPage() {
  if (countUsers({ db: getDb() }) > 0) redirect("/signin");
  return (
    <>
      <h1 className="text-lg font-semibold">Create the first admin</h1>
      <p className="mb-4 text-sm text-slate-500">
        No one has signed up yet. This account can connect Halo and Hudu and add other users.
      </p>
      <SetupForm />
    </>
  );
}
