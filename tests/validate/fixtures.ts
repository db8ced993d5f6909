import { CfnResource } from "../../scripts/validate/cfn";
import { PlannedResource, StackPlan } from "../../scripts/validate/plan";
import { StackTranslation, translateStack } from "../../scripts/validate/translate";

export const REGION = "us-east-1";
export const ACCOUNT = "123456789012";

/** A planned resource as `npm run plan` records it; state defaults to the inputs plus `extra.state`. */
export function planned(type: string, name: string, inputs: Record<string, unknown> = {}, extra: Partial<PlannedResource> = {}): PlannedResource {
    return {
        urn: `urn:pulumi:test::platform::${type}::${name}`,
        type,
        name,
        custom: true,
        inputs,
        protect: false,
        retainOnDelete: false,
        dependsOn: [],
        ...extra,
        state: { ...inputs, ...extra.state },
    };
}

export function stackOf(...resources: PlannedResource[]): StackPlan {
    return { project: "platform", stack: "test", region: REGION, resources };
}

export function translate(...resources: PlannedResource[]): StackTranslation {
    return translateStack(stackOf(...resources));
}

/** The CloudFormation resources that a Pulumi resource became, by logical id; its own comes first. */
export function cfnOf(translation: StackTranslation, name: string): [string, CfnResource][] {
    const all = Object.assign({}, ...translation.templates.map((t) => t.template.Resources)) as Record<string, CfnResource>;
    return Object.entries(all).filter(([id]) => translation.origins[id]?.name === name);
}

/** The one CloudFormation resource of a Pulumi resource translated on its own (with its dependencies). */
export function translated(resource: PlannedResource, ...dependencies: PlannedResource[]): CfnResource {
    const [[, primary]] = cfnOf(translate(...dependencies, resource), resource.name);
    return primary;
}
