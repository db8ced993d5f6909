// Entry point of the platform project (Pulumi.yaml `main`). Exporting the function lets the Pulumi
// runtime call it and use its result as the stack outputs.
import { platformProgram } from "./program";

export = () => platformProgram();
