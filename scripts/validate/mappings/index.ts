/**
 * Every mapping from a `@pulumi/aws` type to CloudFormation. Adding a type is one file under the
 * service's folder, one line here and one test; `tests/validate/registry.test.ts` fails for a
 * mapping file that is not listed.
 */
import { registryOf } from "../mapping";
import { acmCertificate, acmCertificateValidation } from "./acm/certificate";
import { certificate } from "./acmpca/certificate";
import { certificateAuthority } from "./acmpca/certificate-authority";
import { certificateAuthorityCertificate } from "./acmpca/certificate-authority-certificate";
import { apiGatewayAccount } from "./apigateway/account";
import { authorizer } from "./apigateway/authorizer";
import { deployment } from "./apigateway/deployment";
import { integration } from "./apigateway/integration";
import { method } from "./apigateway/method";
import { methodSettings } from "./apigateway/method-settings";
import { apiResource } from "./apigateway/resource";
import { restApi } from "./apigateway/rest-api";
import { stage } from "./apigateway/stage";
import { vpcLink } from "./apigatewayv2/vpc-link";
import { scalingPolicy } from "./appautoscaling/policy";
import { scalableTarget } from "./appautoscaling/target";
import { cachePolicy } from "./cloudfront/cache-policy";
import { distribution } from "./cloudfront/distribution";
import { cloudfrontFunction } from "./cloudfront/function";
import { originAccessControl } from "./cloudfront/origin-access-control";
import { responseHeadersPolicy } from "./cloudfront/response-headers-policy";
import { trail } from "./cloudtrail/trail";
import { compositeAlarm } from "./cloudwatch/composite-alarm";
import { dashboard } from "./cloudwatch/dashboard";
import { logMetricFilter } from "./cloudwatch/log-metric-filter";
import { metricAlarm } from "./cloudwatch/metric-alarm";
import { userPool } from "./cognito/user-pool";
import { userPoolClient } from "./cognito/user-pool-client";
import { table } from "./dynamodb/table";
import { defaultSecurityGroup } from "./ec2/default-security-group";
import { eip } from "./ec2/eip";
import { flowLog } from "./ec2/flow-log";
import { internetGateway } from "./ec2/internet-gateway";
import { natGateway } from "./ec2/nat-gateway";
import { networkAcl } from "./ec2/network-acl";
import { networkAclAssociation } from "./ec2/network-acl-association";
import { networkAclRule } from "./ec2/network-acl-rule";
import { route } from "./ec2/route";
import { routeTable } from "./ec2/route-table";
import { routeTableAssociation } from "./ec2/route-table-association";
import { securityGroup } from "./ec2/security-group";
import { securityGroupEgressRule, securityGroupIngressRule } from "./ec2/security-group-rules";
import { subnet } from "./ec2/subnet";
import { vpc } from "./ec2/vpc";
import { vpcEndpoint } from "./ec2/vpc-endpoint";
import { lifecyclePolicy } from "./ecr/lifecycle-policy";
import { repository } from "./ecr/repository";
import { cluster } from "./ecs/cluster";
import { clusterCapacityProviders } from "./ecs/cluster-capacity-providers";
import { service } from "./ecs/service";
import { taskDefinition } from "./ecs/task-definition";
import { cacheParameterGroup } from "./elasticache/parameter-group";
import { replicationGroup } from "./elasticache/replication-group";
import { cacheSubnetGroup } from "./elasticache/subnet-group";
import { cacheUser } from "./elasticache/user";
import { cacheUserGroup } from "./elasticache/user-group";
import { listener } from "./elbv2/listener";
import { listenerRule } from "./elbv2/listener-rule";
import { loadBalancer } from "./elbv2/load-balancer";
import { targetGroup } from "./elbv2/target-group";
import { role } from "./iam/role";
import { rolePolicy } from "./iam/role-policy";
import { rolePolicyAttachment } from "./iam/role-policy-attachment";
import { alias } from "./kms/alias";
import { key } from "./kms/key";
import { lambdaFunction } from "./lambda/function";
import { permission } from "./lambda/permission";
import { logGroup } from "./logs/log-group";
import { dbInstance } from "./rds/instance";
import { dbParameterGroup } from "./rds/parameter-group";
import { dbSubnetGroup } from "./rds/subnet-group";
import { route53Record } from "./route53/record";
import { bucket } from "./s3/bucket";
import { bucketPolicy } from "./s3/bucket-policy";
import {
    bucketLifecycleConfiguration,
    bucketLogging,
    bucketOwnershipControls,
    bucketPublicAccessBlock,
    bucketServerSideEncryptionConfiguration,
    bucketVersioning,
} from "./s3/bucket-settings";
import { secret } from "./secretsmanager/secret";
import { secretVersion } from "./secretsmanager/secret-version";
import { privateDnsNamespace } from "./servicediscovery/private-dns-namespace";
import { topic } from "./sns/topic";
import { topicSubscription } from "./sns/topic-subscription";
import { webAcl } from "./wafv2/web-acl";
import { webAclAssociation } from "./wafv2/web-acl-association";
import { webAclLoggingConfiguration } from "./wafv2/web-acl-logging-configuration";
import { xrayGroup } from "./xray/group";
import { samplingRule } from "./xray/sampling-rule";

export const MAPPINGS = [
    // EC2 / VPC
    vpc, subnet, internetGateway, eip, natGateway, routeTable, route, routeTableAssociation, vpcEndpoint,
    securityGroup, securityGroupIngressRule, securityGroupEgressRule, defaultSecurityGroup,
    networkAcl, networkAclRule, networkAclAssociation, flowLog,
    // Logs, KMS, IAM
    logGroup, key, alias, role, rolePolicy, rolePolicyAttachment,
    // ECS and the mesh
    cluster, clusterCapacityProviders, taskDefinition, service, scalableTarget, scalingPolicy, repository, lifecyclePolicy, privateDnsNamespace,
    certificateAuthority, certificate, certificateAuthorityCertificate,
    // ELBv2, RDS
    loadBalancer, targetGroup, listener, listenerRule,
    dbInstance, dbSubnetGroup, dbParameterGroup,
    // DynamoDB, ElastiCache
    table, replicationGroup, cacheSubnetGroup, cacheParameterGroup, cacheUser, cacheUserGroup,
    // S3
    bucket, bucketPolicy, bucketOwnershipControls, bucketPublicAccessBlock, bucketVersioning,
    bucketServerSideEncryptionConfiguration, bucketLifecycleConfiguration, bucketLogging,
    // Observability
    topic, topicSubscription, metricAlarm, compositeAlarm, logMetricFilter, dashboard, trail, xrayGroup, samplingRule,
    // Edge and API
    distribution, cachePolicy, originAccessControl, responseHeadersPolicy, cloudfrontFunction,
    webAcl, webAclAssociation, webAclLoggingConfiguration,
    restApi, apiResource, method, integration, deployment, stage, methodSettings, authorizer, apiGatewayAccount, vpcLink,
    userPool, userPoolClient, lambdaFunction, permission, secret, secretVersion,
    // Certificates and DNS
    acmCertificate, acmCertificateValidation, route53Record,
] as const;

export const REGISTRY = registryOf(MAPPINGS);
