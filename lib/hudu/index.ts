export * from "./asset-summary";
export * from "./client";
export * from "./config";
export * from "./custom-fields";
export * from "./schemas";
export * from "./matchers";
