import * as assert from "assert";
import { cfnOf, planned, translate } from "../../fixtures";

describe("mapping aws.ecs.ClusterCapacityProviders", () => {
    it("sets the capacity providers and default strategy on the cluster it names", () => {
        const cluster = planned("aws:ecs/cluster:Cluster", "dev-cluster", {}, { id: "arn:aws:ecs:us-east-1:123456789012:cluster/dev-cluster-1a2b3c4", state: { name: "dev-cluster-1a2b3c4" } });
        const capacity = planned("aws:ecs/clusterCapacityProviders:ClusterCapacityProviders", "dev-capacity", {
            clusterName: "dev-cluster-1a2b3c4", capacityProviders: ["FARGATE", "FARGATE_SPOT"], defaultCapacityProviderStrategies: [{ capacityProvider: "FARGATE_SPOT", weight: 1, base: 0 }],
        }, { dependsOn: [cluster.urn] });
        assert.deepStrictEqual(cfnOf(translate(cluster, capacity), "dev-cluster")[0][1].Properties, {
            CapacityProviders: ["FARGATE", "FARGATE_SPOT"],
            DefaultCapacityProviderStrategy: [{ CapacityProvider: "FARGATE_SPOT", Base: 0, Weight: 1 }],
        });
    });
});
