import type { ReactNode } from "react";
import type { ConnectionField } from "@/lib/connections/normalise";

/** What each card asks for, with a hint saying where in Halo or Hudu to find it. */
export interface CardField {
  name: ConnectionField;
  label: string;
  hint: ReactNode;
  placeholder?: string;
  secret?: boolean;
  optional?: boolean;
}

export interface CardInfo {
  title: string;
  intro: ReactNode;
  fields: CardField[];
}

const Path = ({ children }: { children: ReactNode }) => <span className="font-medium text-slate-700">{children}</span>;

export const CARDS: Record<"halo" | "hudu", CardInfo> = {
  halo: {
    title: "HaloPSA",
    intro: (
      <>
        In Halo, open <Path>Configuration &gt; Integrations &gt; Halo API</Path>. <Path>API Details</Path> shows the two
        servers and the tenant. Under <Path>View Applications</Path>, create an application with the authentication
        method <Path>Client ID and Secret (Services)</Path> and read permissions for customers and contracts; it gives
        you the client ID and secret.
      </>
    ),
    fields: [
      {
        name: "haloAuthUrl",
        label: "Authorisation server",
        placeholder: "https://yourname.halopsa.com/auth",
        hint: "Shown as Authorisation Server under API Details; usually ends in /auth.",
      },
      {
        name: "haloResourceUrl",
        label: "Resource server",
        placeholder: "https://yourname.halopsa.com/api",
        hint: "Shown as Resource Server under API Details; usually ends in /api.",
      },
      {
        name: "haloTenant",
        label: "Tenant",
        placeholder: "yourname",
        optional: true,
        hint: "Hosted Halo shows a tenant under API Details. Leave empty if yours does not.",
      },
      {
        name: "haloClientId",
        label: "Client ID",
        hint: "From the API application you created under View Applications.",
      },
      {
        name: "haloClientSecret",
        label: "Client secret",
        secret: true,
        hint: "Shown once by Halo when the application is created.",
      },
    ],
  },
  hudu: {
    title: "Hudu",
    intro: (
      <>
        In Hudu, open <Path>Admin &gt; API Keys</Path> and create a key for this dashboard. Leave it unrestricted, or
        allow at least companies and assets; the dashboard never needs to delete anything.
      </>
    ),
    fields: [
      {
        name: "huduUrl",
        label: "Hudu URL",
        placeholder: "https://yourname.huducloud.com",
        hint: "The address you open Hudu at. No need to add /api/v1.",
      },
      {
        name: "huduApiKey",
        label: "API key",
        secret: true,
        hint: "Shown once by Hudu when the key is created.",
      },
    ],
  },
};
