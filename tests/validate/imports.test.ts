import * as assert from "assert";
import { stackImports } from "../../scripts/validate/imports";
import { cfnOf, planned, stackOf } from "./fixtures";
import { translateStack } from "../../scripts/validate/translate";

const LISTENER = "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/alb/0123456789abcdef/0123456789abcdef";
const platform = { ...stackOf(), outputs: { albListenerArn: LISTENER, privateSubnetIds: ["subnet-0123456789abcdef0"], environment: "dev" } };

describe("values read from other stacks", () => {
    it("names each identifying output of another stack after its path, and leaves plain settings out", () => {
        assert.deepStrictEqual([...stackImports([platform])], [[LISTENER, "PlatformAlbListenerArn"], ["subnet-0123456789abcdef0", "PlatformPrivateSubnetIds1"]]);
    });

    it("becomes a template parameter without a default, as a StackReference value is the other stack's to provide", () => {
        const rule = planned("aws:lb/listenerRule:ListenerRule", "rule", { listenerArn: LISTENER, priority: 10, actions: [{ type: "forward", targetGroupArn: "tg" }], conditions: [] });
        const t = translateStack(stackOf(rule), undefined, stackImports([platform]));
        assert.deepStrictEqual(cfnOf(t, "rule")[0][1].Properties.ListenerArn, { Ref: "PlatformAlbListenerArn" });
        assert.deepStrictEqual(t.templates[0].template.Parameters, { PlatformAlbListenerArn: { Type: "String", Description: `from another stack (StackReference); in the plan: ${LISTENER}` } });
    });
});
