import Link from "next/link";
import type { ReactNode } from "react";
import { Nav } from "@/components/nav";
import { SignOutButton } from "@/components/sign-out-button";
import { requireUser } from "@/lib/auth/session";
import { env } from "@/lib/env";

export const dynamic = "force-dynamic";

export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const user = await requireUser();
  return (
    <div className="min-h-screen">
      {env().SIMULATOR_MODE ? (
        <div className="bg-amber-100 px-4 py-1.5 text-center text-sm text-amber-900">
          Demo mode: this dashboard is talking to the built-in Halo and Hudu simulators, not to real services.
        </div>
      ) : null}
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center justify-between gap-3 px-4 py-3">
          <div className="flex flex-wrap items-center gap-4">
            <Link href="/" className="text-base font-semibold tracking-tight">
              Halo → Hudu Sync
            </Link>
            <Nav />
          </div>
          <div className="flex items-center gap-2 text-sm text-slate-600">
            <span>
              {user.email} <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs">{user.role}</span>
            </span>
            <SignOutButton />
          </div>
        </div>
      </header>
      <main className="mx-auto max-w-7xl px-4 py-6">{children}</main>
    </div>
  );
}
