import * as assert from "assert";
import { planned, translated } from "../../fixtures";

describe("mapping aws.appautoscaling.Target", () => {
    it("becomes an AWS::ApplicationAutoScaling::ScalableTarget", () => {
        const target = planned("aws:appautoscaling/target:Target", "scaling", { serviceNamespace: "ecs", resourceId: "service/dev/entities", scalableDimension: "ecs:service:DesiredCount", minCapacity: 2, maxCapacity: 10 });
        assert.deepStrictEqual(translated(target), {
            Type: "AWS::ApplicationAutoScaling::ScalableTarget",
            Properties: { ServiceNamespace: "ecs", ResourceId: "service/dev/entities", ScalableDimension: "ecs:service:DesiredCount", MinCapacity: 2, MaxCapacity: 10 },
        });
    });

    it("carries its tags (the provider tags scalable targets, default tags included)", () => {
        const target = planned("aws:appautoscaling/target:Target", "scaling", { serviceNamespace: "ecs", resourceId: "service/dev/entities", scalableDimension: "ecs:service:DesiredCount", minCapacity: 2, maxCapacity: 10, tags: { team: "platform" } });
        assert.deepStrictEqual(translated(target).Properties?.Tags, [{ Key: "team", Value: "platform" }]);
    });
});
