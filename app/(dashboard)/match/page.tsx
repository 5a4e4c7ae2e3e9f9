import { NotBuilt } from "@/components/not-built";

export const metadata = { title: "Match" };

export default function MatchPage() {
  return <NotBuilt title="Match" what="Here you will match Halo clients to Hudu companies side by side." />;
}
