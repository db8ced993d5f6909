export * from "./call-graph";
export * from "./container-definitions";
export * from "./fargate-sizes";
export * from "./iam-policies";
export * from "./mesh-service";
export * from "./path-rules";
export * from "./platform";
export * from "./repository";
