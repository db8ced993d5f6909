// Entry point of the edge project (Pulumi.yaml `main`): one call into the program under stacks/.
import { edgeProgram } from "../stacks/edge/program";

export = () => edgeProgram();
