import { serviceProgram } from "../../stacks/service/program";

export = () => serviceProgram();
