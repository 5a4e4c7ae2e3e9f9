import type { PlanAction, SyncRecordType } from "@/lib/sync/types";

/** Words and colours the preview uses for actions and types. */
export const ACTION_LABELS: Record<PlanAction, string> = {
  create: "Create",
  update: "Update",
  unchanged: "Unchanged",
  archive: "Archive",
  skip: "Skip",
};

export const ACTION_STYLES: Record<PlanAction, string> = {
  create: "bg-green-100 text-green-800",
  update: "bg-sky-100 text-sky-800",
  unchanged: "bg-slate-100 text-slate-600",
  archive: "bg-amber-100 text-amber-900",
  skip: "bg-slate-100 text-slate-700",
};

export const TYPE_LABELS: Record<SyncRecordType, { one: string; many: string }> = {
  company: { one: "Company", many: "Companies" },
  site: { one: "Site", many: "Sites" },
  contact: { one: "Contact", many: "Contacts" },
  contract: { one: "Contract", many: "Contracts" },
};
