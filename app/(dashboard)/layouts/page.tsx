import { NotBuilt } from "@/components/not-built";

export const metadata = { title: "Layouts" };

export default function LayoutsPage() {
  return (
    <NotBuilt
      title="Layouts"
      what="Here you will pick (or let the app create and activate) the Hudu asset layouts that sites, contacts and contracts land in, and map Halo fields onto their fields."
    />
  );
}
