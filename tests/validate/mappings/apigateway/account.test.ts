import * as assert from "assert";
import { planned, translated } from "../../fixtures";

describe("mapping aws.apigateway.Account", () => {
    it("becomes the AWS::ApiGateway::Account that names the CloudWatch role", () => {
        const role = planned("aws:iam/role:Role", "logs-role", {}, { state: { arn: "arn:aws:iam::123456789012:role/logs-role-1a2b3c4" } });
        const account = planned("aws:apigateway/account:Account", "account", { cloudwatchRoleArn: "arn:aws:iam::123456789012:role/logs-role-1a2b3c4" }, { dependsOn: [role.urn] });
        assert.deepStrictEqual(translated(account, role), { Type: "AWS::ApiGateway::Account", Properties: { CloudWatchRoleArn: { "Fn::GetAtt": ["LogsRole", "Arn"] } } });
    });
});
