import * as assert from "assert";
import { actionProperties } from "../../../../scripts/validate/mappings/elbv2/actions";

describe("load balancer actions", () => {
    it("spells a weighted forward, a redirect and a fixed response the CloudFormation way", () => {
        assert.deepStrictEqual(actionProperties({ type: "forward", forward: { targetGroups: [{ arn: "tg-a", weight: 90 }, { arn: "tg-b", weight: 10 }], stickiness: { duration: 60, enabled: true } } }, "string").ForwardConfig, {
            TargetGroups: [{ TargetGroupArn: "tg-a", Weight: 90 }, { TargetGroupArn: "tg-b", Weight: 10 }],
            TargetGroupStickinessConfig: { DurationSeconds: 60, Enabled: true },
        });
        assert.deepStrictEqual(actionProperties({ type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } }, "string").RedirectConfig, { Protocol: "HTTPS", Port: "443", StatusCode: "HTTP_301" });
        assert.deepStrictEqual(actionProperties({ type: "fixed-response", fixedResponse: { contentType: "text/plain", statusCode: "404" } }, "string").FixedResponseConfig, { ContentType: "text/plain", StatusCode: "404" });
    });

    it("writes a Cognito session timeout as a string on listeners and a number on rules, as CloudFormation's schemas want", () => {
        const cognito = { type: "authenticate-cognito", authenticateCognito: { userPoolArn: "p", userPoolClientId: "c", userPoolDomain: "d", sessionTimeout: 3600, authenticationRequestExtraParams: { display: "page" } } };
        assert.deepStrictEqual(actionProperties(cognito, "string").AuthenticateCognitoConfig, { UserPoolArn: "p", UserPoolClientId: "c", UserPoolDomain: "d", SessionTimeout: "3600", AuthenticationRequestExtraParams: { display: "page" } });
        assert.strictEqual((actionProperties(cognito, "number").AuthenticateCognitoConfig as Record<string, unknown>).SessionTimeout, 3600);
    });
});
