import { describe, expect, it } from "vitest";
import { memoryDbPerTest } from "@/db/testing";
import { changeUserRole, createUser, endUserSessions, getSessionUser, removeUser, resetUserPassword } from "./users";

const memory = memoryDbPerTest();

const add = (email: string, role: "admin" | "viewer") => createUser({ db: memory.db, user: { email, role, passwordHash: "x" } });
const version = (id: number) => getSessionUser({ db: memory.db, id })?.sessionVersion;

describe("user management", () => {
  it("never demotes or removes the last admin", () => {
    const { db } = memory;
    const admin = add("admin@example.com", "admin");
    add("viewer@example.com", "viewer");
    expect(changeUserRole({ db, id: admin.id, role: "viewer" })).toEqual({ status: "last-admin" });
    expect(removeUser({ db, id: admin.id })).toEqual({ status: "last-admin" });
    expect(getSessionUser({ db, id: admin.id })?.role).toBe("admin");

    const second = add("second@example.com", "admin");
    expect(changeUserRole({ db, id: admin.id, role: "viewer" }).status).toBe("ok");
    expect(removeUser({ db, id: second.id })).toEqual({ status: "last-admin" });
    expect(changeUserRole({ db, id: 999, role: "viewer" })).toEqual({ status: "not-found" });
  });

  it("ends the user's sessions on a role change, a new password and a sign-out, and not on a no-op", () => {
    const { db } = memory;
    const admin = add("admin@example.com", "admin");
    const viewer = add("viewer@example.com", "viewer");
    expect(version(viewer.id)).toBe(0);
    changeUserRole({ db, id: viewer.id, role: "viewer" });
    expect(version(viewer.id)).toBe(0);
    changeUserRole({ db, id: viewer.id, role: "admin" });
    expect(version(viewer.id)).toBe(1);
    resetUserPassword({ db, id: viewer.id, passwordHash: "y" });
    expect(version(viewer.id)).toBe(2);
    expect(endUserSessions({ db, id: viewer.id })).toBe(true);
    expect(version(viewer.id)).toBe(3);
    expect(version(admin.id)).toBe(0);
    expect(removeUser({ db, id: viewer.id }).status).toBe("ok");
    expect(getSessionUser({ db, id: viewer.id })).toBeUndefined();
  });
});
