import type * as aws from "@pulumi/aws";
import { foldMapping } from "../../mapping";

/** CloudFormation sets a cluster's capacity providers on the cluster itself. */
export const clusterCapacityProviders = foldMapping<aws.ecs.ClusterCapacityProvidersArgs>({
    pulumiType: "aws:ecs/clusterCapacityProviders:ClusterCapacityProviders",
    fold: (i) => ({
        target: i.clusterName,
        properties: {
            CapacityProviders: i.capacityProviders,
            DefaultCapacityProviderStrategy: i.defaultCapacityProviderStrategies?.map((s) => ({ CapacityProvider: s.capacityProvider, Base: s.base, Weight: s.weight })),
        },
    }),
});
