import type * as aws from "@pulumi/aws";
import { REF } from "../../cfn";
import { resourceMapping } from "../../mapping";
import { parseJson } from "../../values";

export const topicSubscription = resourceMapping<aws.sns.TopicSubscriptionArgs>({
    pulumiType: "aws:sns/topicSubscription:TopicSubscription",
    cfnType: "AWS::SNS::Subscription",
    // A subscription's Ref is its ARN (which is also Pulumi's id).
    attributes: { arn: REF },
    noEquivalent: {
        confirmationTimeoutInMinutes: "Pulumi's wait for an HTTP(S) endpoint to confirm; CloudFormation does not wait",
        endpointAutoConfirms: "tells Pulumi whether to wait for confirmation; CloudFormation never waits",
    },
    translate: (i) => ({
        properties: {
            TopicArn: i.topic,
            Protocol: i.protocol,
            Endpoint: i.endpoint,
            DeliveryPolicy: parseJson(i.deliveryPolicy),
            FilterPolicy: parseJson(i.filterPolicy),
            FilterPolicyScope: i.filterPolicyScope,
            RawMessageDelivery: i.rawMessageDelivery,
            RedrivePolicy: parseJson(i.redrivePolicy),
            ReplayPolicy: parseJson(i.replayPolicy),
            SubscriptionRoleArn: i.subscriptionRoleArn,
        },
    }),
});
