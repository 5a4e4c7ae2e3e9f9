import { describe, expect, it } from "vitest";
import { describeLayoutBody, missingFields, newLayoutBody, wholeLayoutBody } from "./layout-body";
import { haloIntegrationIdFrom } from "./matchers";
import { huduAssetLayoutSchema, huduCompanySchema } from "./schemas";

const layout = huduAssetLayoutSchema.parse({
  id: 7,
  name: "Contacts",
  icon: "fas fa-user",
  color: "#000000",
  icon_color: "#ffffff",
  active: false,
  include_passwords: true,
  include_photos: false,
  include_comments: false,
  include_files: false,
  sidebar_folder_id: null,
  created_at: "2026-01-01",
  fields: [
    { id: 70, label: "Email", field_type: "Email", position: 1, hint: null, show_in_list: true },
    { id: 71, label: "Phone", field_type: "Phone", position: 2, hint: null },
  ],
});

describe("layout bodies", () => {
  it("a create carries every key of the documented example, active: true included", () => {
    const body = newLayoutBody({ name: "Sites", icon: "fas fa-building", fields: [{ label: "Address", field_type: "AddressData" }] });
    expect(body).toEqual({
      asset_layout: {
        name: "Sites",
        icon: "fas fa-building",
        color: "#6136ff",
        icon_color: "#ffffff",
        active: true,
        include_passwords: false,
        include_photos: false,
        include_comments: false,
        include_files: false,
        fields: [{ label: "Address", field_type: "AddressData", required: false, show_in_list: false, position: 1 }],
      },
    });
  });

  it("a whole layout keeps every attribute and field (ids included, nulls and read-only stamps left out), plus new fields after the last", () => {
    const body = wholeLayoutBody(layout, { active: true }, [{ label: "Title", field_type: "Text" }]);
    expect(body.asset_layout).toMatchObject({ name: "Contacts", icon: "fas fa-user", color: "#000000", include_passwords: true, active: true });
    expect(body.asset_layout).not.toHaveProperty("created_at");
    expect(body.asset_layout).not.toHaveProperty("sidebar_folder_id");
    expect(body.asset_layout.fields.map((f) => [f.id, f.label, f.position])).toEqual([[70, "Email", 1], [71, "Phone", 2], [undefined, "Title", 3]]);
    expect(body.asset_layout.fields[0]).not.toHaveProperty("hint");
    expect(wholeLayoutBody(layout).asset_layout.active).toBe(false);
  });

  it("says what was sent in one line, and which fields did not survive", () => {
    const body = wholeLayoutBody(layout, { active: true }, [{ label: "Title", field_type: "Text" }]);
    expect(describeLayoutBody(body)).toBe('name "Contacts", active: true, 3 fields (Email: Email, Phone: Phone, Title: Text)');
    const after = huduAssetLayoutSchema.parse({ ...layout, fields: [layout.fields[0], { id: 72, label: "title", field_type: "Text" }] });
    expect(missingFields(body, after)).toEqual(["Phone"]);
  });
});

describe("haloIntegrationIdFrom", () => {
  const company = (integrations: unknown[]) => huduCompanySchema.parse({ id: 1, name: "X", integrations });
  it("reads the Halo integration's id from companies' integrations, ignoring other PSAs", () => {
    expect(
      haloIntegrationIdFrom([
        company([{ integrator_id: 4, integrator_name: "autotask", sync_id: 1 }]),
        company([{ integrator_id: 3, integrator_name: "halo", sync_id: 2 }]),
        company([{ integrator_id: 3, integrator_name: "HaloPSA", sync_id: 5 }, { integrator_id: 9, integrator_name: "halo", sync_id: 6 }]),
      ]),
    ).toBe(3);
    expect(haloIntegrationIdFrom([company([{ integrator_id: 4, integrator_name: "autotask" }]), company([])])).toBeNull();
  });
});
