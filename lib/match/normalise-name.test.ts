import { describe, expect, it } from "vitest";
import { normaliseName } from "./normalise-name";

const key = (name: unknown) => normaliseName(name).key;

describe("normaliseName", () => {
  it("folds case, accents and whitespace", () => {
    expect(key("  CAFÉ   Müller  ")).toBe("cafe muller");
    expect(key("Holy  Trinity\tPrimary School")).toBe("holy trinity primary school");
    expect(key("Straße Bäckerei")).toBe("strasse backerei");
  });

  it("treats & and 'and' the same", () => {
    expect(key("Bellamy Plumbing & Heating")).toBe(key("Bellamy Plumbing and Heating"));
    expect(key("Hale & Co Accountants")).toBe("hale co accountants");
  });

  it("drops a leading 'The' and remembers it", () => {
    const n = normaliseName("The Grange Prep School");
    expect(n.key).toBe("grange prep school");
    expect(n.hadLeadingThe).toBe(true);
    expect(key("The")).toBe("the");
  });

  it("keeps legal forms aside instead of throwing them away", () => {
    const n = normaliseName("Acme Widgets Pty Ltd");
    expect(n.key).toBe("acme widgets");
    expect(n.legalForms).toEqual(["pty", "ltd"]);
    expect(n.legalFormsAsWritten).toEqual(["Pty", "Ltd"]);
    expect(normaliseName("Russo Bros. Paving, Inc.").legalForms).toEqual(["inc"]);
    expect(normaliseName("Hartwell Family Dentistry P.L.L.C.").legalForms).toEqual(["pllc"]);
    expect(key("Müller GmbH")).toBe("muller");
    expect(key("Redfern Aggregates plc")).toBe(key("Redfern Aggregates PLC"));
    expect(key("Tidewater Title Company")).toBe(key("Tidewater Title Co."));
    expect(key("Keystone LLP")).toBe("keystone");
    expect(key("Big Corp")).toBe("big");
    // A name that is only a legal form keeps it.
    expect(key("Limited")).toBe("limited");
  });

  it("ignores punctuation, apostrophes and initials' dots", () => {
    expect(key("J.R. Whitfield Insurance")).toBe(key("JR Whitfield Insurance"));
    expect(key("Kookaburra Kids' Childcare")).toBe(key("Kookaburra Kids Childcare"));
    expect(key("O'Neill Construction")).toBe(key("ONeill Construction"));
    expect(key("Calloway, Benson & Pratt")).toBe(key("Calloway Benson and Pratt"));
    expect(normaliseName("Trans-Mersey Haulage").compact).toBe(normaliseName("TransMersey Haulage").compact);
    expect(key("Hartley-Shaw Accountants")).toBe(key("Hartley Shaw Accountants"));
  });

  it("expands common abbreviations", () => {
    expect(key("Tasman Building Svcs")).toBe(key("Tasman Building Services"));
    expect(key("Gallagher Dental Assoc.")).toBe(key("Gallagher Dental Associates"));
    expect(key("Brandywine Mfg. Co.")).toBe(key("Brandywine Manufacturing Co."));
    expect(key("Halden Bros. Joinery")).toBe(key("Halden Brothers Joinery"));
  });

  it("separates location qualifiers", () => {
    const a = normaliseName("Kinsella Accountants (Galway)");
    expect(a.key).toBe("kinsella accountants");
    expect(a.qualifiers).toEqual(["galway"]);
    const b = normaliseName("Milford Family Practice - Main Office");
    expect(b.key).toBe("milford family practice");
    expect(b.qualifiers).toEqual(["main office"]);
    expect(key("Marigold Senior Living LLC (Boise)")).toBe("marigold senior living");
    // An unspaced hyphen is part of the name, not a qualifier.
    expect(key("Tri-County Metalworks")).toBe("tri county metalworks");
  });

  it("computes initials for multi-word names", () => {
    expect(normaliseName("Kirkby Waste Solutions Ltd").acronym).toBe("kws");
    expect(normaliseName("North Wealdshire Carers Trust").acronym).toBe("nwct");
    expect(normaliseName("Acme").acronym).toBe("");
  });

  it("never throws on odd input and strips markup", () => {
    for (const odd of ["", "   ", "-1", null, undefined, 42, {}, "🙂🙂", "()", "&amp;", "<script>alert(1)</script>", "a".repeat(5000)]) {
      expect(() => normaliseName(odd)).not.toThrow();
    }
    expect(key("<b>Acme</b> &amp; Sons <script>alert('x')</script>")).toBe("acme sons");
    expect(key("Acme 🚀 Rockets")).toBe("acme rockets");
    expect(key("")).toBe("");
    expect(key(null)).toBe("");
  });
});
