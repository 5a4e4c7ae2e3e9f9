import { NotBuilt } from "@/components/not-built";

export const metadata = { title: "Import" };

export default function ImportPage() {
  return (
    <NotBuilt
      title="Import"
      what="Here you will preview what an import would create, update, leave alone or skip (and why), start it and watch it progress."
    />
  );
}
