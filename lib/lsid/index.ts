// LSIDs and version ranges (reference §4, DESIGN §3).
export * from "./lsid";
export * from "./version-range";
