import type * as aws from "@pulumi/aws";
import { REF } from "../../cfn";
import { resourceMapping } from "../../mapping";
import { parseJson, verbatim } from "../../values";

/** Pulumi has six inputs per delivery protocol; CloudFormation one logging entry per protocol. */
const FEEDBACK_PROTOCOLS = [["application", "application"], ["firehose", "firehose"], ["http", "http/s"], ["lambda", "lambda"], ["sqs", "sqs"]] as const;

export const topic = resourceMapping<aws.sns.TopicArgs>({
    pulumiType: "aws:sns/topic:Topic",
    cfnType: "AWS::SNS::Topic",
    // A topic's Ref is its ARN (which is also Pulumi's id).
    attributes: { arn: REF, name: "TopicName" },
    noEquivalent: {
        deliveryPolicy: "AWS::SNS::Topic has no delivery policy; CloudFormation sets it per subscription",
        namePrefix: "CloudFormation generates topic names itself",
    },
    translate: (i, ctx) => {
        const inputs = i as Record<string, unknown>;
        const logging = FEEDBACK_PROTOCOLS.map(([input, protocol]) => ({
            Protocol: protocol,
            SuccessFeedbackRoleArn: inputs[`${input}SuccessFeedbackRoleArn`],
            SuccessFeedbackSampleRate: inputs[`${input}SuccessFeedbackSampleRate`]?.toString(),
            FailureFeedbackRoleArn: inputs[`${input}FailureFeedbackRoleArn`],
        })).filter((l) => l.SuccessFeedbackRoleArn !== undefined || l.FailureFeedbackRoleArn !== undefined);
        return {
            properties: {
                TopicName: verbatim(i.name),
                DisplayName: i.displayName,
                KmsMasterKeyId: i.kmsMasterKeyId,
                FifoTopic: i.fifoTopic,
                ContentBasedDeduplication: i.contentBasedDeduplication,
                FifoThroughputScope: i.fifoThroughputScope,
                SignatureVersion: i.signatureVersion?.toString(),
                TracingConfig: i.tracingConfig,
                ArchivePolicy: parseJson(i.archivePolicy),
                DeliveryStatusLogging: logging.length === 0 ? undefined : logging,
                Tags: ctx.tags(i.tags),
            },
            // A topic's access policy is a resource of its own in CloudFormation.
            companions: i.policy === undefined
                ? undefined
                : { Policy: { type: "AWS::SNS::TopicPolicy", properties: { Topics: [ctx.self()], PolicyDocument: parseJson(i.policy) } } },
        };
    },
});
