export * from "./az-ids";
export * from "./cidr";
export * from "./egress";
export * from "./nacl-rules";
export * from "./network";
export * from "./security-tiers";
