export * from "./client";
export * from "./config";
export * from "./listing";
export * from "./records";
export { classifyTokenFailure, HaloTokenProvider } from "./token";
export { parseHaloDateTime } from "./values";
