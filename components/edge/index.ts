export * from "./access-log";
export * from "./args";
export * from "./edge-function";
export * from "./edge-policies";
export * from "./routes";
export * from "./secure-api";
export * from "./security-headers";
export * from "./waf-rules";
