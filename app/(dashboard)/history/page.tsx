import { NotBuilt } from "@/components/not-built";

export const metadata = { title: "History" };

export default function HistoryPage() {
  return <NotBuilt title="History" what="Here you will find every import run, its report and its errors." />;
}
