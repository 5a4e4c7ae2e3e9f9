import { NotBuilt } from "@/components/not-built";

export const metadata = { title: "Connections" };

export default function ConnectionsPage() {
  return <NotBuilt title="Connections" what="Here you will enter and test the Halo and Hudu connection details." />;
}
