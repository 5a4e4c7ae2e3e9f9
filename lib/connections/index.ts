export * from "./checks";
export * from "./normalise";
export * from "./test-halo";
export * from "./test-hudu";
export * from "./connect";
