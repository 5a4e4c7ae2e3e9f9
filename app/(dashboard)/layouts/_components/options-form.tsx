"use client";

import { useState } from "react";
import { Alert, Button } from "@/components/ui/form";
import { MATCHED_COMPANY_POLICY_TEXT, matchedCompanyPolicies, type SyncSettings } from "@/lib/sync/settings-schema";
import { saveOptionsAction } from "../actions";
import { useActionRunner } from "./use-action-runner";

type Company = SyncSettings["company"];
type Options = SyncSettings["options"];

const CREATE_FIELDS: Array<{ key: keyof Company["create"]; label: string }> = [
  { key: "website", label: "Website" },
  { key: "phone", label: "Phone number of the main site" },
  { key: "address", label: "Address of the main site" },
  { key: "notes", label: "Notes" },
];

function Check({ label, checked, disabled, onChange, hint }: { label: string; checked: boolean; disabled: boolean; onChange: (v: boolean) => void; hint?: string }) {
  return (
    <label className="flex items-start gap-2 text-sm">
      <input type="checkbox" className="mt-0.5" checked={checked} disabled={disabled} onChange={(e) => onChange(e.target.checked)} />
      <span>
        {label}
        {hint ? <span className="block text-xs text-slate-500">{hint}</span> : null}
      </span>
    </label>
  );
}

/** Company details, and what the import includes and does with records that are gone. */
export function OptionsForm({ canEdit, company: saved, options: savedOptions }: { canEdit: boolean; company: Company; options: Options }) {
  const [company, setCompany] = useState(saved);
  const [options, setOptions] = useState(savedOptions);
  const { pending, message, run } = useActionRunner();
  const dirty = JSON.stringify({ company, options }) !== JSON.stringify({ company: saved, options: savedOptions });
  const off = !canEdit || pending !== null;

  return (
    <form
      className="grid gap-4 lg:grid-cols-2"
      onSubmit={(e) => {
        e.preventDefault();
        void run("options", () => saveOptionsAction({ company, options }));
      }}
    >
      <fieldset className="space-y-2 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
        <legend className="px-1 text-base font-semibold">Companies</legend>
        <p className="text-xs text-slate-600">
          A client marked <em>create new</em> becomes a Hudu company with its name and the details ticked here; matched companies
          get the same details as chosen below. The Halo id goes into the ID number (as <code>halo:123</code>) of every company created,
          and of matched ones whose ID number is empty unless they are left as they are, so links can be rebuilt from Hudu.
        </p>
        {CREATE_FIELDS.map((f) => (
          <Check key={f.key} label={f.label} checked={company.create[f.key]} disabled={off} onChange={(v) => setCompany({ ...company, create: { ...company.create, [f.key]: v } })} />
        ))}
        <div className="space-y-1 pt-2">
          <p className="text-sm font-medium">Matched companies (their name is never changed)</p>
          {matchedCompanyPolicies.map((p) => (
            <label key={p} className="flex items-center gap-2 text-sm">
              <input type="radio" name="matched" value={p} checked={company.matched === p} disabled={off} onChange={() => setCompany({ ...company, matched: p })} />
              {MATCHED_COMPANY_POLICY_TEXT[p]}
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset className="space-y-2 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
        <legend className="px-1 text-base font-semibold">What is imported</legend>
        <Check label="Include inactive Halo records" checked={options.includeInactive} disabled={off} onChange={(v) => setOptions({ ...options, includeInactive: v })} />
        <Check
          label="Active contracts only"
          hint="As Hudu's own Halo integration does."
          checked={options.contractsActiveOnly}
          disabled={off}
          onChange={(v) => setOptions({ ...options, contractsActiveOnly: v })}
        />
        <div className="space-y-1 pt-2">
          <p className="text-sm font-medium">A Hudu asset whose Halo record is gone or inactive</p>
          <label className="flex items-center gap-2 text-sm">
            <input type="radio" name="whenGone" checked={options.whenGone === "archive"} disabled={off} onChange={() => setOptions({ ...options, whenGone: "archive" })} />
            Archive it in Hudu
          </label>
          <label className="flex items-center gap-2 text-sm">
            <input type="radio" name="whenGone" checked={options.whenGone === "leave"} disabled={off} onChange={() => setOptions({ ...options, whenGone: "leave" })} />
            Leave it as it is
          </label>
          <p className="text-xs text-slate-500">Nothing is ever deleted from Hudu.</p>
        </div>
      </fieldset>
      <div className="flex flex-wrap items-center gap-3 lg:col-span-2">
        {canEdit ? (
          <Button type="submit" disabled={off || !dirty}>
            {pending ? "Saving…" : "Save options"}
          </Button>
        ) : null}
        {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}
      </div>
    </form>
  );
}
