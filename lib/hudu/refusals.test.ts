import { describe, expect, it } from "vitest";
import { SyncError } from "@/lib/errors";
import { isNameTaken } from "./refusals";

const refusal = (status: number, userMessage: string, details: string[] = []) => new SyncError({ code: "validation", status, userMessage, details });

describe("isNameTaken", () => {
  it("knows Hudu's name refusal in each body shape", () => {
    expect(isNameTaken(refusal(422, 'Hudu refused to create company "A": Name has already been taken', ["Name has already been taken"]))).toBe(true);
    expect(isNameTaken(refusal(422, 'Hudu refused to create company "A": name has already been taken', ["name has already been taken"]))).toBe(true);
    expect(isNameTaken(refusal(422, 'Hudu refused to create company "A": Validation failed: Name has already been taken'))).toBe(true);
  });
  it("leaves other refusals alone", () => {
    expect(isNameTaken(refusal(422, 'Hudu refused to create company "A": Name can\'t be blank'))).toBe(false);
    expect(isNameTaken(refusal(500, "Name has already been taken"))).toBe(false);
    expect(isNameTaken(new Error("Name has already been taken"))).toBe(false);
  });
});
